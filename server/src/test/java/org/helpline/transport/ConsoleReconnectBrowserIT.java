package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A counsellor's console gone longer than the reconnect grace (here a lease of 3 s and a grace of 1 s): she is set
 * away and her chat goes back to the queue. Back, her console says so, where she looks, and does not show the chat
 * as ended with an outcome form to fill for a visitor who is waiting for someone else; the chat's card stays, read
 * only, with the reply she sent while offline marked "Not sent".
 */
class ConsoleReconnectBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("reconnect.amina", 2))).quickTimers().build());

    @Test
    void backAfterTheGraceSheIsToldSheWasSetAwayAndHerChatWentBackToTheQueue() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = counsellor.consoleHolding("http://localhost:" + helpline.port(0) + "/console/", "reconnect.amina",
                    visitor.conversation());
            visitor.socket().next("assigned");
            counsellor.offline(true);
            counsellor.dropLastWebSocket();
            counsellor.find(chat).findElement(By.cssSelector("textarea.text")).sendKeys("Je suis toujours là");
            counsellor.find(chat).findElement(By.cssSelector("button.send")).click();
            counsellor.visible(By.cssSelector("section.chat li.message.pending"));
            Waits.until(() -> "connection_lost".equals(helpline.inRedis(redis -> redis.hget(
                    Keys.counsellor("reconnect.amina"), "awayBy"))), 20, "set away by the server");
            assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));
            counsellor.offline(false);
            counsellor.script("window.dispatchEvent(new Event('online'))"); // back now, not at the backoff's next try

            counsellor.textAppears(By.id("console-notice"), "you were set to away and your chats went back");
            counsellor.textAppears(chat, "Back in the queue: not yours any more");
            counsellor.textAppears(By.cssSelector("section.chat li.message.failed"), "Not sent");
            WebElement text = counsellor.find(chat).findElement(By.cssSelector("textarea.text"));
            assertEquals("Je suis toujours là", text.getAttribute("value"), "her reply kept, for her to see");
            assertFalse(text.isEnabled(), "nothing more can be sent from it");
            assertEquals(List.of(), visitor.socket().all("message", TestSocket.QUIET), "it never reached the visitor");
            assertFalse(counsellor.driver().getPageSource().contains("record its outcome"),
                    "no outcome to record: the chat is not over, and not hers any more");
        } finally {
            visitor.end();
        }
    }

    /**
     * A frame sent while the socket's auth was being answered (a press right after a reconnect) comes back
     * {@code unauthenticated}: the page leaves that auth to finish, rather than starting it again (and again, while her
     * grace runs out).
     */
    @Test
    void aFrameAnsweredUnauthenticatedBeforeTheWelcomeLeavesTheAuthToFinish() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            counsellor.consoleHolding("http://localhost:" + helpline.port(0) + "/console/", "reconnect.amina",
                    visitor.conversation());
            long sockets = ((Number) counsellor.script("return window.testSockets.length")).longValue();
            counsellor.script("window.HelplineConsole.authenticated = false;" // as between its auth and its welcome
                    + " window.testSockets.at(-1).onmessage({ data: arguments[0] });"
                    + " window.HelplineConsole.authenticated = true;", new JsonObject().put("type", "error")
                    .put("ref", "accept").put("code", "unauthenticated").put("message", "Authenticate first.")
                    .encode());
            assertEquals(sockets, ((Number) counsellor.script("return new Promise((done) => setTimeout(() =>"
                    + " done(window.testSockets.length), 2000))")).longValue(), "no new socket within 2 s");
            assertEquals(1L, ((Number) counsellor.script("return window.testSockets.at(-1).readyState")).longValue(),
                    "the socket still open");
        } finally {
            visitor.end();
        }
    }
}
