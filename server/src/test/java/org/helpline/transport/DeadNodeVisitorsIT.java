package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that dies without closing its sockets (here its Redis connections go first, as in a crash) leaves its
 * visitors' chats open: once its lease runs out (3 s here), another node sets them away, as if their sockets had
 * closed. The waiting chat leaves the queue, the held one's counsellor is told, and both are held for the visitor to
 * come back, then end; none is left open for ever.
 */
class DeadNodeVisitorsIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("deadnode.amina", 1))).quickTimers().build());

    @Test
    void theVisitorsOfANodeThatDiedAreSetAwayAndHeld() {
        TestSocket console = helpline.availableConsole(0, "deadnode.amina", TestConfig.PASSWORD);
        Helpline.Visitor answered = helpline.visitor(1, new JsonObject());
        assertEquals(answered.conversation(), console.next("assigned").getString("conversation"));
        Helpline.Visitor waiting = helpline.visitor(1, new JsonObject());
        Waits.until(() -> queueScore(waiting.conversation()) != null, 10, "the second chat waiting");

        helpline.halt(1);
        for (Helpline.Visitor visitor : new Helpline.Visitor[]{answered, waiting}) {
            Waits.until(() -> "connection_lost".equals(field(visitor.conversation(), "visitorAway")), 15,
                    "set away by the node still running");
            assertNull(field(visitor.conversation(), "visitorSocket"));
            assertNotNull(holdDeadline(visitor.conversation()), "held for her to come back, then ended");
        }
        assertNull(queueScore(waiting.conversation()), "out of the queue: nobody's position counts a ghost");
        JsonObject gone = console.take(f -> "visitor_presence".equals(f.getString("type")), "her counsellor told");
        assertEquals(answered.conversation(), gone.getString("conversation"));
        assertFalse(gone.getBoolean("present"));
        assertEquals(List.of(), helpline.inRedis(redis -> redis.keys(Keys.nodeVisitors("*"))),
                "the dead node's list read and dropped; the live node holds no visitor yet");

        TestSocket back = helpline.resumed(0, answered);
        assertNull(field(answered.conversation(), "visitorAway"), "back on the other node: no longer away");
        back.send(new JsonObject().put("type", "end"));
        back.next("ended");
        RoutingIT.away(console);
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    private static Double queueScore(String conversation) {
        return helpline.inRedis(redis -> redis.zscore(Keys.QUEUE, conversation));
    }

    private static Double holdDeadline(String conversation) {
        return helpline.inRedis(redis -> redis.zscore(Keys.DEADLINES, "hold|" + conversation));
    }
}
