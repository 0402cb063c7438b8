package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A counsellor's console gone longer than the reconnect grace (here a lease of 3 s and a grace of 1 s): she is set
 * away and her chat goes back to the queue. Back, her console says so, where she looks, and does not show the chat
 * as ended with an outcome form to fill for a visitor who is waiting for someone else.
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
            counsellor.find(chat).findElement(By.cssSelector("textarea.text")).sendKeys("Un brouillon");

            counsellor.offline(true);
            counsellor.dropLastWebSocket();
            Waits.until(() -> "connection_lost".equals(helpline.inRedis(redis -> redis.hget(
                    Keys.counsellor("reconnect.amina"), "awayBy"))), 20, "set away by the server");
            assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));
            counsellor.offline(false);
            counsellor.script("window.dispatchEvent(new Event('online'))"); // back now, not at the backoff's next try

            counsellor.textAppears(By.id("console-notice"), "you were set to away and your chats went back");
            counsellor.waiting().until(driver -> driver.findElements(chat).isEmpty());
            assertFalse(counsellor.driver().getPageSource().contains("record its outcome"),
                    "no outcome to record: the chat is not over, and not hers any more");
        } finally {
            visitor.end();
        }
    }
}
