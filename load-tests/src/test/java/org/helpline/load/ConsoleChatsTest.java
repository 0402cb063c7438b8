package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One console's chats: an {@code assigned} repeated starts no second sender; {@code released} or {@code ended} stops
 * the sender and ends the hold; a send refused as the chat is no longer the console's stops the sender and keeps the
 * hold; a chat assigned while its visitor's side is not known yet gets its hold with its first message.
 */
class ConsoleChatsTest {
    private final Vertx vertx = Vertx.vertx();
    private final Counts counts = new Counts();
    private final ConsoleChats held = new ConsoleChats(vertx, counts);

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aChatIsHeldFromAssignedToReleased() {
        Chat chat = new Chat("c1", 0, counts);

        assertTrue(held.assigned("c1", chat));
        long sender = vertx.setPeriodic(60_000, timer -> { });
        held.timer("c1", sender);
        Chat.Hold hold = held.hold("c1", chat).orElseThrow();
        assertFalse(held.assigned("c1", chat), "assigned again: held already");
        assertSame(hold, held.hold("c1", chat).orElseThrow(), "the same hold");

        held.stopSending("c1");
        assertFalse(vertx.cancelTimer(sender), "the sender was stopped");
        assertSame(hold, held.hold("c1", chat).orElseThrow(), "its messages still count");

        held.dropped("c1");
        assertFalse(held.holds("c1"));
        assertTrue(held.hold("c1", chat).isEmpty());
        assertEquals(1, counts.get("message.not_held"));

        assertTrue(held.assigned("c1", chat), "given back, and assigned to this console again");
        long again = vertx.setPeriodic(60_000, timer -> { });
        held.timer("c1", again);
        assertNotSame(hold, held.hold("c1", chat).orElseThrow(), "a new hold: its history is replayed");
        assertEquals(1, counts.get("chat.reassigned"));
        held.dropped("c1");
        assertFalse(vertx.cancelTimer(again), "ended: the sender was stopped");
    }

    @Test
    void aChatAssignedBeforeItsVisitorIsKnownIsHeldFromItsFirstMessage() {
        assertTrue(held.assigned("c1", null));
        assertTrue(held.hold("c1", null).isEmpty(), "not known yet");
        Chat chat = new Chat("c1", 0, counts);
        Chat.Hold hold = held.hold("c1", chat).orElseThrow();
        assertFalse(hold.again);
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(hold, 1, "v1-1"));
        assertEquals(0, counts.get("message.not_held"));
    }

    @Test
    void aConsoleSaysItIsAvailableAtWelcomeAndWhenTheServerSetItAway() {
        assertTrue(held.goAvailable(new JsonObject().put("type", "welcome")));
        assertFalse(held.goAvailable(new JsonObject().put("type", "status").put("status", "available")),
                "the answer to its own status");
        assertTrue(held.goAvailable(new JsonObject().put("type", "status").put("status", "away")
                .put("reason", "connection_lost")));
        assertEquals(1, counts.get("console.set_away.connection_lost"));
    }

    @Test
    void aSendRefusedAsNotHeldStopsTheSenderOfItsChatOnly() {
        assertTrue(held.assigned("c1", null));
        long sender = vertx.setPeriodic(60_000, timer -> { });
        held.timer("c1", sender);
        JsonObject send = new JsonObject().put("type", "send").put("conversation", "c1");
        held.refused(new JsonObject().put("code", "too_large"), send);
        assertTrue(vertx.cancelTimer(sender), "another refusal: still writing");
        long again = vertx.setPeriodic(60_000, timer -> { });
        held.timer("c1", again);
        held.refused(new JsonObject().put("code", "not_assigned"), send);
        assertFalse(vertx.cancelTimer(again), "not hers any more: stopped");
        assertTrue(held.holds("c1"), "held until released");
    }
}
