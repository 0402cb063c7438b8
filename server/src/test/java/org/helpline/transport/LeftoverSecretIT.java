package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.SettableClock;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the browser wrote of a chat to its disk (Chromium keeps a tab's session storage in its profile until its next
 * start, removals as records after the values) opens as little as it can: a quick exit retires the resume secret (she
 * comes back with the code), and a chat that ended longer ago than the visitor's hold (10 minutes) is resumed without
 * its messages (she may still delete it). The node's clock is the test's, stepped past the hold.
 */
class LeftoverSecretIT {
    private static final SettableClock clock = new SettableClock(Instant.now());

    private static final HelplineConfig CONFIG = ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("leftover.amina", 4))).build();

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, CONFIG, clock);

    @Test
    void aQuickExitRetiresTheSecretAndTheCodeStillBringsHerBack() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        say(visitor, "v-1", "he is at work until six");
        visitor.socket().send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        assertEquals(1000, visitor.socket().awaitClose());

        TestSocket fromDisk = helpline.socket(0, "/ws/visitor");
        fromDisk.send(resumeWithSecret(visitor));
        fromDisk.error("not_found");
        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(new JsonObject().put("type", "resume").put("code", visitor.started().getString("resumeCode")));
        assertEquals("active", back.next("resumed").getString("status"));
        assertEquals("he is at work until six", back.next("message").getString("text"));
    }

    @Test
    void aChatThatEndedLongerAgoThanTheHoldIsResumedWithoutItsMessages() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        say(visitor, "v-1", "the car is a grey van");
        visitor.socket().send(new JsonObject().put("type", "end"));
        visitor.socket().next("ended");

        TestSocket soon = helpline.socket(0, "/ws/visitor");
        soon.send(resumeWithSecret(visitor));
        assertEquals("ended", soon.next("resumed").getString("status"));
        assertEquals("the car is a grey van", soon.next("message").getString("text"), "within the hold, as it was");

        clock.set(clock.instant().plus(CONFIG.visitor().holdAfterExit()).plusSeconds(1));
        TestSocket late = helpline.socket(0, "/ws/visitor");
        late.send(resumeWithSecret(visitor));
        JsonObject resumed = late.next("resumed");
        assertEquals("ended", resumed.getString("status"));
        assertTrue(resumed.getLong("lastSeq") >= 1, "told how far it went");
        assertEquals(List.of(), late.all("message", TestSocket.QUIET), "no message once the hold is over");
        late.send(new JsonObject().put("type", "forget"));
        assertEquals(true, late.next("ended").getBoolean("erased"), "she may still delete it");
    }

    private static void say(Helpline.Visitor visitor, String clientId, String text) {
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", clientId).put("text", text));
        visitor.socket().next("ack");
    }

    private static JsonObject resumeWithSecret(Helpline.Visitor visitor) {
        return new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret());
    }
}
