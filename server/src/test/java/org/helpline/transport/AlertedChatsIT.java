package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervisor socket follows the chats its alerts cite, on two nodes: {@code chat_state} when the alert passes,
 * when a counsellor on another node answers, and when the chat ends; a socket opened later (a page that reconnected)
 * asks with {@code follow} and gets the state now and the changes after.
 */
class AlertedChatsIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(
            TestConfig.counsellor("followed.counsellor", 2), TestConfig.supervisor("followed.supervisor")));

    private static TestSocket supervisor(int node) {
        TestSocket socket = helpline.socket(node, "/ws/supervisor");
        socket.send(new JsonObject().put("type", "auth").put("token", helpline.login(node, "followed.supervisor",
                TestConfig.PASSWORD)));
        socket.next("welcome");
        return socket;
    }

    private static JsonObject stateOf(TestSocket socket, String conversation, String status) {
        return socket.take(f -> "chat_state".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")) && status.equals(f.getString("status")),
                "chat_state " + status);
    }

    @Test
    void anAlertsChatIsFollowedUntilItEnds() {
        TestSocket watching = supervisor(0);
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject().put("inDanger", true));
        assertEquals(visitor.conversation(), watching.next("alert").getString("conversation"));
        assertFalse(stateOf(watching, visitor.conversation(), "waiting").containsKey("counsellor"));

        TestSocket console = helpline.availableConsole(1, "followed.counsellor", TestConfig.PASSWORD);
        console.next("assigned");
        JsonObject answered = stateOf(watching, visitor.conversation(), "active");
        assertEquals("Counsellor followed.counsellor", answered.getString("counsellor"));
        assertEquals(TestConfig.DIRECT, answered.getString("association"));
        watching.send(new JsonObject().put("type", "follow").put("conversations",
                new JsonArray().add(visitor.conversation())));
        assertEquals("Counsellor followed.counsellor", stateOf(watching, visitor.conversation(), "active")
                .getString("counsellor"), "a chat followed already: its state sent again");

        TestSocket reconnected = supervisor(1);
        reconnected.send(new JsonObject().put("type", "follow").put("conversations",
                new JsonArray().add(visitor.conversation())));
        assertEquals("Counsellor followed.counsellor", stateOf(reconnected, visitor.conversation(), "active")
                .getString("counsellor"));
        reconnected.send(new JsonObject().put("type", "follow").put("conversations", new JsonArray().add("a b")));
        reconnected.error("invalid");

        // a follow sent before its welcome (here before the auth itself, so that a fast auth cannot welcome it first):
        // refused, so that nothing comes before the welcome
        TestSocket hasty = helpline.socket(1, "/ws/supervisor");
        hasty.send(new JsonObject().put("type", "follow").put("conversations",
                new JsonArray().add(visitor.conversation())));
        hasty.send(new JsonObject().put("type", "auth").put("token", helpline.login(1, "followed.supervisor",
                TestConfig.PASSWORD)));
        assertEquals("follow", hasty.error("unauthenticated").getString("ref"));
        hasty.next("welcome");
        assertTrue(hasty.frames(TestSocket.QUIET).stream().noneMatch(f -> "chat_state".equals(f.getString("type"))),
                "nothing followed");
        hasty.close();

        // an alert for it that says it waits (replayed from the log, as after a pub/sub gap): its state follows
        helpline.inRedis(redis -> redis.publish(Keys.SUPERVISORS_CHANNEL, new JsonObject()
                .put("id", "99999999999999-0").put("type", "alert")
                .put("kind", "danger").put("conversation", visitor.conversation()).put("status", "waiting")
                .put("association", "").put("at", 1L).encode()));
        watching.take(f -> "alert".equals(f.getString("type")) && "waiting".equals(f.getString("status")),
                "the stale alert");
        stateOf(watching, visitor.conversation(), "active");

        visitor.end();
        stateOf(watching, visitor.conversation(), "ended");
        stateOf(reconnected, visitor.conversation(), "ended");
    }
}
