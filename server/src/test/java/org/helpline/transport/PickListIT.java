package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pick list says how many free places its counsellor has: with none, it still shows who waits, but a pick would be
 * refused (and is, if sent all the same); once a place is free again, the list says so and the pick goes through.
 */
class PickListIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("pick.one", 1))); // of the direct test association, which allows picking

    @Test
    void aCounsellorWithNoFreePlaceSeesTheListButCannotTakeFromIt() {
        TestSocket console = helpline.console(0, "pick.one", TestConfig.PASSWORD); // away: nothing assigned by itself
        assertEquals(1, console.next("waiting").getInteger("freePlaces"), "one place, none taken");

        Helpline.Visitor first = helpline.visitor(0, new JsonObject());
        listing(console, first.conversation(), 1);
        console.send(RoutingIT.frame("pick", first.conversation()));
        assertEquals(first.conversation(), console.next("assigned").getString("conversation"));
        first.socket().next("assigned");

        Helpline.Visitor second = helpline.visitor(0, new JsonObject().put("inDanger", true));
        JsonObject full = listing(console, second.conversation(), 0);
        assertEquals("in-danger", full.getJsonArray("conversations").getJsonObject(0).getString("priority"),
                "who waits is still shown, a chat in danger first");
        console.send(RoutingIT.frame("pick", second.conversation()));
        assertTrue(console.error("not_waiting").getString("message").contains("full"), "refused: no free place");

        first.end(); // her chat ends: a place is free again (no wrap-up in this configuration)
        listing(console, second.conversation(), 1);
        console.send(RoutingIT.frame("pick", second.conversation()));
        assertEquals(second.conversation(), console.next("assigned").getString("conversation"));
        second.end();
    }

    /** The next {@code waiting} frame that lists this chat with these free places. */
    private static JsonObject listing(TestSocket console, String conversation, int freePlaces) {
        return console.take(frame -> "waiting".equals(frame.getString("type"))
                && Integer.valueOf(freePlaces).equals(frame.getInteger("freePlaces"))
                && listed(frame.getJsonArray("conversations"), conversation),
                "a pick list with " + conversation + " and " + freePlaces + " free place(s)");
    }

    private static boolean listed(JsonArray conversations, String conversation) {
        return conversations.stream().anyMatch(item -> conversation.equals(((JsonObject) item)
                .getString("conversation")));
    }
}
