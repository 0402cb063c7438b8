package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.helpline.store.Deadline;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console still open whose lease lapsed (its node could not renew it for a whole lease: Redis unreachable from that
 * node) is told that its chats went back to the queue and that its counsellor is now away, whether the word published
 * then reaches it or its node's pub/sub link was down too (then its next renewal finds the lease lapsed); like the
 * page, it reconnects, and gets chats again once she sets herself available. Each lapse is made in Redis right after
 * a renewal (the 12 s lease of this test, a shorter one than the default 30 s so that the test waits less, is renewed
 * every 4 s), so that no renewal comes in between.
 */
class LapsedLeaseIT {
    private static final String TOLD = "lapse.amina";
    private static final String UNTOLD = "lapse.louise";
    private static final String AWAY = "lapse.sam";
    private static final String OFFERED = "lapse.ines";
    private static final String ON_BREAK = "lapse.rosa";
    /** The renewals failed for a whole lease: no live console, and the presence deadline due now. */
    private static final String LAPSE = "redis.call('DEL', KEYS[1]) redis.call('ZADD', KEYS[2], 0, ARGV[1]) return 1";
    /**
     * The same, and the deadline fired while the console's node heard nothing of it: she is away and holds no chat
     * (what counsellor_gone.lua leaves; the chat itself is left as it was, the test needs only her side).
     */
    private static final String LAPSED_UNHEARD = "redis.call('DEL', KEYS[1], KEYS[4]) redis.call('HSET', KEYS[2], "
            + "'status', 'away', 'awayBy', 'connection_lost') redis.call('SREM', KEYS[3], ARGV[1]) return 1";
    private static final Duration LEASE = Duration.ofSeconds(12);
    /** A renewal every third of the lease, and the time to answer it. */
    private static final Duration NEXT_RENEWAL = LEASE.dividedBy(3).plusSeconds(5);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor(TOLD, 2), TestConfig.counsellor(UNTOLD, 2), TestConfig.counsellor(AWAY, 2),
            TestConfig.counsellor(OFFERED, 2, TestConfig.OFFER), TestConfig.counsellor(ON_BREAK, 2)))
            .consoleLease(LEASE).build());

    @Test
    void aConsoleWhoseLeaseLapsedIsToldItIsAwayAndItsChatsRequeued() {
        TestSocket console = helpline.availableConsole(0, TOLD, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = assigned(console, visitor);

        afterARenewal(TOLD);
        helpline.inRedis(redis -> redis.eval(LAPSE, ScriptOutputType.INTEGER,
                new String[]{Keys.consoles(TOLD), Keys.DEADLINES}, Deadline.presence(TOLD).member()));

        JsonObject released = console.next("released");
        assertEquals(conversation, released.getString("conversation"));
        assertEquals("offline", released.getString("reason"));
        assertSetAway(console.next("status"));
        assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));

        console.close();
        TestSocket again = helpline.availableConsole(0, TOLD, TestConfig.PASSWORD);
        assertEquals(conversation, again.next("assigned").getString("conversation"), "the chat comes back");
        visitor.socket().next("assigned");
        RoutingIT.away(again);
        visitor.end();
    }

    @Test
    void aConsoleThatMissedTheWordLearnsItFromItsNextRenewal() {
        TestSocket console = helpline.availableConsole(0, UNTOLD, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = assigned(console, visitor);
        afterARenewal(UNTOLD);
        helpline.inRedis(redis -> redis.eval(LAPSED_UNHEARD, ScriptOutputType.INTEGER,
                new String[]{Keys.consoles(UNTOLD), Keys.counsellor(UNTOLD), Keys.AVAILABLE_COUNSELLORS,
                    Keys.counsellorConversations(UNTOLD)}, UNTOLD));

        JsonObject released = console.take(frame -> "released".equals(frame.getString("type")), "a released frame",
                NEXT_RENEWAL);
        assertEquals(conversation, released.getString("conversation"), "the chat no longer hers, no longer followed");
        assertEquals("offline", released.getString("reason"));
        assertSetAway(console.next("status"));
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "still there?"));
        visitor.socket().next("ack");
        TestSocket.sleep(TestSocket.QUIET);
        assertEquals(0, console.count("message"), "her console no longer gets the visitor's messages");
        console.close();
        visitor.end();
    }

    @Test
    void aConsoleAwayByChoiceIsNotToldItLostTheServiceWhenOnlyItsLeaseLapsed() {
        TestSocket console = helpline.availableConsole(0, AWAY, TestConfig.PASSWORD);
        RoutingIT.away(console);
        afterARenewal(AWAY);
        helpline.inRedis(redis -> redis.del(Keys.consoles(AWAY))); // another console kept her present: no deadline
        Waits.until(() -> leaseEnd(AWAY), end -> end != null, Math.toIntExact(NEXT_RENEWAL.toSeconds()),
                "the renewal that finds the lease lapsed");
        TestSocket.sleep(TestSocket.QUIET);
        assertEquals(0, console.count("status"), "away by her own choice: nothing was given back, nothing to tell");
        console.close();
    }

    /**
     * She had set herself away (a break) while holding a chat, then her console's lease lapsed: the chat goes back to
     * the queue and the console is told so ({@code requeued}), but not that the service set her away: her away and its
     * reason are her own, and stay so.
     */
    @Test
    void aConsoleAwayByChoiceWhoseLeaseLapsedIsToldOnlyThatItsChatWentBack() {
        TestSocket console = helpline.availableConsole(0, ON_BREAK, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = assigned(console, visitor);
        console.send(new JsonObject().put("type", "status").put("status", "away").put("awayReason", "break"));
        assertEquals("break", console.next("status").getString("awayReason"));

        afterARenewal(ON_BREAK);
        helpline.inRedis(redis -> redis.eval(LAPSE, ScriptOutputType.INTEGER,
                new String[]{Keys.consoles(ON_BREAK), Keys.DEADLINES}, Deadline.presence(ON_BREAK).member()));

        JsonObject released = console.next("released");
        assertEquals(conversation, released.getString("conversation"));
        assertEquals("requeued", released.getString("reason"), "not offline: she was not set away for it");
        assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));
        Waits.until(() -> leaseEnd(ON_BREAK), end -> end != null, Math.toIntExact(NEXT_RENEWAL.toSeconds()),
                "the renewal that finds the lease lapsed");
        TestSocket.sleep(TestSocket.QUIET);
        assertEquals(0, console.count("status"), "away by her own choice: not told the service set her away");
        assertNull(helpline.inRedis(redis -> redis.hget(Keys.counsellor(ON_BREAK), "awayBy")));
        assertEquals("break", helpline.inRedis(redis -> redis.hget(Keys.counsellor(ON_BREAK), "awayReason")));
        console.close();
        visitor.end();
    }

    @Test
    void aChatOnlyOfferedGoesBackToTheQueueWithoutAWordToItsVisitor() {
        TestSocket console = helpline.availableConsole(0, OFFERED, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("offer").getString("conversation");
        assertEquals(visitor.conversation(), conversation);

        afterARenewal(OFFERED);
        helpline.inRedis(redis -> redis.eval(LAPSE, ScriptOutputType.INTEGER,
                new String[]{Keys.consoles(OFFERED), Keys.DEADLINES}, Deadline.presence(OFFERED).member()));

        JsonObject released = console.next("released");
        assertEquals(conversation, released.getString("conversation"), "the offer card goes");
        assertEquals("offline", released.getString("reason"));
        assertSetAway(console.next("status"));
        assertEquals("waiting", helpline.inRedis(redis -> redis.hget(Keys.conversation(conversation), "status")));
        TestSocket.sleep(TestSocket.QUIET);
        assertEquals(0, visitor.socket().count("requeued"), "she was never told of the offer, nor of its end");
        console.close();
        visitor.end();
    }

    /** The visitor's chat, assigned to the console (both are told): its id. */
    private static String assigned(TestSocket console, Helpline.Visitor visitor) {
        String conversation = console.next("assigned").getString("conversation");
        visitor.socket().next("assigned");
        return conversation;
    }

    private static void assertSetAway(JsonObject status) {
        assertEquals("away", status.getString("status"));
        assertEquals("connection_lost", status.getString("reason"));
        assertTrue(status.containsKey("awayReason"), status.encode());
        assertNull(status.getValue("awayReason"), "no reason of her own");
    }

    /** Waits for the node's next renewal of the counsellor's lease: the one after comes a third of a lease later. */
    private static void afterARenewal(String counsellor) {
        Double leaseEnd = leaseEnd(counsellor);
        Waits.until(() -> leaseEnd(counsellor), end -> end != null && !end.equals(leaseEnd),
                Math.toIntExact(NEXT_RENEWAL.toSeconds()), "a renewal");
    }

    /** When the console's lease ends (Redis time, ms), as its node last renewed it; null when there is none. */
    private static Double leaseEnd(String counsellor) {
        String consoles = Keys.consoles(counsellor);
        return helpline.inRedis(redis -> redis.zrange(consoles, 0, 0).stream().findFirst()
                .map(socket -> redis.zscore(consoles, socket)).orElse(null));
    }
}
