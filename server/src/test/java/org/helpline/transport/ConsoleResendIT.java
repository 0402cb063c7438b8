package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console's {@code send} about a chat it no longer shows (ended, back in the queue, another's) stores nothing: a
 * client id stored before is answered with the ack it had, {@code duplicate}, on this socket or a new one, so that a
 * reply whose ack a dropped connection lost is known to be sent; any other is answered {@code not_assigned}.
 */
class ConsoleResendIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("resend.amina", 2)));

    private static JsonObject send(String conversation, String clientId, String text) {
        return new JsonObject().put("type", "send").put("conversation", conversation).put("clientId", clientId)
                .put("text", text);
    }

    @Test
    void aResendAboutAChatNoLongerShownIsAnsweredWithItsAckIfStoredElseNotAssigned() {
        TestSocket console = helpline.availableConsole(0, "resend.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        console.send(send(conversation, "c-stored", "Je vous écoute"));
        JsonObject first = console.next("ack");
        console.take(f -> "message".equals(f.getString("type")) && "c-stored".equals(f.getString("clientId")),
                "its echo");
        assertEquals("Je vous écoute", visitor.socket().next("message").getString("text"));
        visitor.end();
        console.take(f -> "ended".equals(f.getString("type")) && conversation.equals(f.getString("conversation")),
                "the end");

        console.send(send(conversation, "c-stored", "Je vous écoute"));
        JsonObject again = console.next("ack");
        assertEquals(conversation, again.getString("conversation"));
        assertEquals("c-stored", again.getString("clientId"));
        assertEquals(first.getLong("seq"), again.getLong("seq"));
        assertTrue(again.getBoolean("duplicate"));
        console.send(send(conversation, "c-never", "Vous êtes toujours là ?"));
        JsonObject refused = console.error("not_assigned");
        assertEquals("c-never", refused.getString("ref"));

        TestSocket back = helpline.console(0, "resend.amina", TestConfig.PASSWORD); // reconnected: never showed it
        back.send(send(conversation, "c-stored", "Je vous écoute"));
        JsonObject told = back.next("ack");
        assertEquals(first.getLong("seq"), told.getLong("seq"));
        assertTrue(told.getBoolean("duplicate"));
        back.send(send(conversation, "c-never", "Vous êtes toujours là ?"));
        assertEquals("c-never", back.error("not_assigned").getString("ref"));

        assertEquals(1L, helpline.<Long>inRedis(redis -> redis.llen(Keys.log(conversation))), "nothing stored again");
        assertEquals(List.of(), console.all("message", TestSocket.QUIET), "nothing published again");
        assertEquals(List.of(), back.all("message", TestSocket.QUIET));
        assertEquals(List.of(), visitor.socket().all("message", TestSocket.QUIET));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }
}
