package org.helpline.store;

import static org.helpline.store.StoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import org.helpline.domain.Assignment;
import org.helpline.domain.OfferRelease;
import org.helpline.domain.RoutingMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A counsellor's hash without the name or association a login writes (an operator's hand, a key lost): the scripts
 * that would hand a chat to that counsellor refuse before they change anything, so no chat is left outside the
 * queue, offered to nobody, or held by two counsellors at once. Redis keeps a script's writes made before an error.
 */
class HalfWrittenCounsellorIT {
    private static StoreFixture stores;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        stores = new StoreFixture(Duration.ofMinutes(5));
        redis = stores.connections.commands().sync();
    }

    @AfterAll
    static void stop() throws Exception {
        stores.close();
    }

    private static String waitingChat(String id) {
        stores.start(id, StoreFixture.triage(false));
        return id;
    }

    private static boolean queued(String conversation) {
        return await(stores.queue.head(200)).stream().anyMatch(waiting -> waiting.id().equals(conversation));
    }

    private static ClaimOutcome.Result claim(String conversation, String counsellor, RoutingMode mode) {
        return await(stores.queue.claim(new Assignment(conversation, counsellor), mode)).result();
    }

    @Test
    void theClaimRefusesAndTheChatStaysQueued() {
        redis.hset(Keys.counsellor("half-unnamed"), Map.of("status", "available", "capacity", "2"));
        redis.zadd(Keys.consoles("half-unnamed"), System.currentTimeMillis() + 60_000, "socket-unnamed");
        String chat = waitingChat("h-claim");
        assertEquals(ClaimOutcome.Result.UNAVAILABLE, claim(chat, "half-unnamed", RoutingMode.DIRECT));
        assertTrue(queued(chat), "still in the queue, for someone else");
        await(stores.conversations.endByVisitor(chat, false));
    }

    @Test
    void anAcceptChangesNothingAndTheOffersDeadlinePutsTheChatBackInTheQueue() {
        stores.online("half-offered", 2);
        String chat = waitingChat("h-accept");
        assertEquals(ClaimOutcome.Result.OFFERED, claim(chat, "half-offered", RoutingMode.OFFER));
        redis.hdel(Keys.counsellor("half-offered"), "name");

        assertEquals(AcceptOutcome.GONE, await(stores.queue.accept(chat, "half-offered")));
        Map<String, String> conversation = redis.hgetall(Keys.conversation(chat));
        assertEquals("offered", conversation.get("status"));
        assertEquals("half-offered", conversation.get("offeredTo"), "the offer stands until its deadline");
        String version = conversation.get("offerVersion");
        assertNotNull(redis.zscore(Keys.DEADLINES, "offer|" + chat + "|" + version), "its deadline too");

        assertEquals(ReleaseOutcome.REQUEUED, await(stores.queue.release(chat, "half-offered",
                Long.parseLong(version), OfferRelease.EXPIRED)));
        assertTrue(queued(chat), "back in the queue when the offer expires");
        await(stores.conversations.endByVisitor(chat, false));
    }

    @Test
    void aTransferToSuchACounsellorIsRefusedAndTheGiverKeepsTheChat() {
        stores.online("half-giver", 2);
        redis.hset(Keys.counsellor("half-receiver"), Map.of("status", "available", "capacity", "2"));
        redis.zadd(Keys.consoles("half-receiver"), System.currentTimeMillis() + 60_000, "socket-receiver");
        String chat = waitingChat("h-transfer");
        assertEquals(ClaimOutcome.Result.ASSIGNED, claim(chat, "half-giver", RoutingMode.DIRECT));

        assertEquals(TransferOutcome.OFFLINE, await(stores.queue.transfer(chat, "half-giver", "half-receiver", "")));
        assertEquals("half-giver", redis.hget(Keys.conversation(chat), "counsellor"));
        assertTrue(redis.sismember(Keys.counsellorConversations("half-giver"), chat));
        assertFalse(redis.sismember(Keys.counsellorConversations("half-receiver"), chat));
        await(stores.conversations.endByVisitor(chat, false));
    }
}
