package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The danger priority of a chat whose visitor left while it was offered to a counsellor: in a Redis of its own, so
 * that the offer goes to the chat the test means and to no chat another test left waiting.
 */
class DangerWhileOfferedIT {
    private static final String ADDRESS = "192.0.2.61";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1,
            TestConfig.withCounsellors(TestConfig.counsellor("danger.offer", 1, TestConfig.OFFER)));

    /**
     * She left while her chat was offered; the next chat of her client took the priority. Back, the offer declined,
     * her chat waits its turn behind that chat instead of queueing with the priority beside it.
     */
    @Test
    void aChatThatReturnsWhileOfferedWaitsItsTurnWhenTheOfferComesBack() {
        TestSocket console = helpline.availableConsole(0, "danger.offer", TestConfig.PASSWORD);
        JsonObject inDanger = new JsonObject().put("inDanger", true);
        TestSocket leaving = helpline.visitorFrom(0, ADDRESS);
        JsonObject first = start(leaving, inDanger);
        String offered = first.getString("conversation");
        assertEquals(offered, console.next("offer").getString("conversation"));
        leaving.send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        Waits.until(() -> "quick_exit".equals(field(offered, "visitorAway")), 10, "her chat held, she is away");

        String next = start(helpline.visitorFrom(0, ADDRESS), inDanger).getString("conversation");
        assertEquals("1", field(next, "danger"), "the priority: the chat that held it was left");

        TestSocket back = helpline.visitorFrom(0, ADDRESS); // with her code: a quick exit retired the secret
        back.send(new JsonObject().put("type", "resume").put("code", first.getString("resumeCode")));
        back.next("resumed");
        assertEquals("offered", field(offered, "status"));
        assertEquals("0", field(offered, "danger"), "back while another holds it: no priority");

        console.send(new JsonObject().put("type", "decline").put("conversation", offered));
        assertEquals("declined", console.next("offer_withdrawn").getString("reason"));
        assertEquals(next, console.next("offer").getString("conversation"), "the chat in danger offered next");
        assertTrue(queueScore(offered) > Double.parseDouble(field(next, "score")),
                "back in the queue behind the chat holding the priority");
    }

    private static JsonObject start(TestSocket socket, JsonObject triage) {
        socket.send(new JsonObject().put("type", "start").put("triage", triage));
        return socket.next("started");
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    private static Double queueScore(String conversation) {
        return helpline.inRedis(redis -> redis.zscore("hl:queue", conversation));
    }
}
