package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.helpline.auth.Digests;
import org.helpline.config.HelplineConfig;
import org.helpline.config.SessionSettings;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A session ends at its absolute end whatever the counsellor does: ten minutes before, the console says when, and the
 * notice stays (here the sessions last five minutes, so it shows at once).
 */
class SessionEndWarningBrowserIT {
    private static final Duration SESSION_IDLE = Duration.ofMinutes(2);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("ending.amina", 2));
        return ConfigBuilder.from(base).sessions(new SessionSettings(SESSION_IDLE, Duration.ofMinutes(5),
                base.sessions().passwordIterations())).build();
    }

    /**
     * Her session ends under her (here: gone from Redis while her connection was down) with a reply not sent yet and
     * a draft typed: both come back when she logs in again in the same page, and the reply reaches the visitor once.
     */
    @Test
    void whatSheHadNotSentComesBackWhenSheLogsInAgain() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = holding(counsellor, visitor);

            WebElement text = replyWhileOffline(counsellor, chat, "Envoyé pendant la coupure");
            text.sendKeys("Je reviens vers vous");
            String token = (String) counsellor.script(
                    "return JSON.parse(sessionStorage.getItem('helpline.console')).token");
            helpline.inRedis(redis -> redis.del(Keys.session(Digests.sha256(token))));
            counsellor.offline(false);
            counsellor.script("window.dispatchEvent(new Event('online'))"); // back now, not at the backoff's next try
            counsellor.textAppears(By.id("login-message"), "Your session has ended");

            counsellor.find(By.id("counsellor-id")).clear();
            counsellor.logIn("ending.amina", TestConfig.PASSWORD);
            WebElement back = counsellor.visible(chat).findElement(By.cssSelector("textarea.text"));
            assertEquals("Je reviens vers vous", back.getAttribute("value"));
            JsonObject reply = visitor.socket().take(f -> "message".equals(f.getString("type"))
                    && "counsellor".equals(f.getString("from")), "the reply sent during the drop");
            assertEquals("Envoyé pendant la coupure", reply.getString("text"));
            counsellor.waiting().until(driver -> driver.findElements(
                    By.cssSelector("section.chat li.message.pending")).isEmpty());
            assertEquals(List.of(), visitor.socket().all("message", Duration.ofMillis(500)), "stored once");
        } finally {
            visitor.end();
        }
    }

    /**
     * Her session's absolute end comes while her connection is down (here, its end brought a few seconds near): the
     * page ends it itself, and none of her chats stays on the screen she may have left.
     */
    @Test
    void aSessionEndingWhileOfflineLeavesNoChatOnScreen() {
        endsWhileOffline("s.expiresAt = Date.now() + 8000;");
    }

    /**
     * Her connection stays down longer than the session's idle timeout (here brought down to 6 s): no console renewed
     * it, so the server has ended it, and the page ends it too.
     */
    @Test
    void offlineLongerThanTheIdleTimeoutLeavesNoChatOnScreen() {
        endsWhileOffline("s.idleTimeoutSeconds = 6;");
    }

    /** Her console holding a chat, its stored session changed by {@code change} (of {@code s}), then offline. */
    private static void endsWhileOffline(String change) {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = holding(counsellor, visitor);
            assertEquals(SESSION_IDLE.toSeconds(), ((Number) counsellor.script("return JSON.parse(sessionStorage"
                    + ".getItem('helpline.console')).idleTimeoutSeconds")).longValue(), "as the login said");
            counsellor.script("const s = JSON.parse(sessionStorage.getItem('helpline.console')); " + change
                    + " sessionStorage.setItem('helpline.console', JSON.stringify(s));");
            counsellor.driver().navigate().refresh();
            counsellor.visible(chat);
            counsellor.offline(true);
            counsellor.dropLastWebSocket();

            counsellor.textAppears(By.id("login-message"), "Your session has ended");
            assertEquals(List.of(), counsellor.driver().findElements(By.cssSelector("section.chat")),
                    "no chat left on screen");
        } finally {
            visitor.end();
        }
    }

    /**
     * She logs out with a reply not sent yet (her connection is down): the console says so, and logs out only when she
     * presses again. Then it clears the screen at once, without waiting for the server, and the session is over there.
     */
    @Test
    void aLogoutWithAReplyNotSentAsksOnceThenEndsTheSession() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = holding(counsellor, visitor);
            String token = (String) counsellor.script(
                    "return JSON.parse(sessionStorage.getItem('helpline.console')).token");
            replyWhileOffline(counsellor, chat, "Pas encore envoyé");

            counsellor.click(By.id("logout"));
            counsellor.textAppears(By.id("console-notice"), "A reply is not sent yet in one chat.");
            assertTrue(counsellor.find(chat).isDisplayed(), "still logged in, her reply on screen");
            counsellor.click(By.id("logout"));
            counsellor.textAppears(By.id("login-message"), "You are logged out.");
            assertEquals(List.of(), counsellor.driver().findElements(By.cssSelector("section.chat")),
                    "no chat left on screen");
            Waits.until(() -> helpline.inRedis(redis -> redis.exists(Keys.session(Digests.sha256(token)))),
                    left -> left == 0L, 10, "the session ended on the server");
        } finally {
            visitor.end();
        }
    }

    /** Her connection drops and stays down, and she sends a reply in the chat: it shows as pending. Its reply box. */
    private static WebElement replyWhileOffline(Browser counsellor, By chat, String reply) {
        counsellor.offline(true);
        counsellor.dropLastWebSocket();
        WebElement text = counsellor.find(chat).findElement(By.cssSelector("textarea.text"));
        text.sendKeys(reply);
        counsellor.find(chat).findElement(By.cssSelector("button.send")).click();
        counsellor.visible(By.cssSelector("section.chat li.message.pending"));
        return text;
    }

    /** Her console, logged in and available, holding the visitor's chat; both sides told it is assigned. */
    private static By holding(Browser counsellor, Helpline.Visitor visitor) {
        By chat = counsellor.consoleHolding("http://localhost:" + helpline.port(0) + "/console/", "ending.amina",
                visitor.conversation());
        visitor.socket().next("assigned");
        return chat;
    }

    @Test
    void theConsoleSaysWhenTheSessionEndsTenMinutesBefore() {
        try (Browser counsellor = Browser.open(1280, 900)) {
            counsellor.get("http://localhost:" + helpline.port(0) + "/console/");
            counsellor.logIn("ending.amina", TestConfig.PASSWORD);
            counsellor.visible(By.id("workspace"));
            counsellor.textAppears(By.id("session-end"), "Your session ends at");
            counsellor.textAppears(By.id("session-end"), "then log out and in again");
            assertTrue(counsellor.find(By.id("session-end")).isDisplayed());
            assertFalse(counsellor.find(By.id("console-notice")).getText().contains("Your session ends"),
                    "a line of its own, which the passing notices (an offer gone, a refusal) do not replace");
        }
    }
}
