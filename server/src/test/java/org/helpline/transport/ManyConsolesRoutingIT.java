package org.helpline.transport;

import static org.helpline.transport.RoutingIT.away;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.helpline.config.HelplineConfig;
import org.helpline.store.CounsellorStore;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A routing round reads the counsellors who may have a place a chunk at a time, the best first, each chunk larger
 * than the one before, and stops once the head is served (docs/routing.md). Here more counsellors than the largest
 * chunk come first by routing's preference but cannot take a chat (each is in a long wrap-up); the one counsellor who
 * can is read only in the fifth chunk (after 32, 64, 128 and 256 others), and must still get the chat at once, not at
 * the next read of everyone.
 */
class ManyConsolesRoutingIT {
    private static final int DECOYS = CounsellorStore.READ_CHUNK + 100;
    /** A time (ms) far ahead: a console lease that does not lapse during the test, the latest chat given. */
    private static final long LATER = 4_000_000_000_000L;
    /** More than a round's first read, fewer than what it reads on for while nobody read is free. */
    private static final int FIRST_HUNDRED = 100;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        return ConfigBuilder.from(TestConfig.withCounsellorAndDecoys("many.last", "many.decoy.", DECOYS)).build();
    }

    @Test
    void theOnlyCounsellorWhoCanTakeTheChatGetsItFromALaterChunk() {
        TestSocket last = helpline.availableConsole(0, "many.last", TestConfig.PASSWORD);
        // given a chat after everyone else: routing's preference reads them last
        seed(LATER, 0, false);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        // well before the node's next read of every counsellor (every 15 s), which would find them too
        Waits.until(() -> last.count("assigned") > 0, 5, "the chat assigned from a later chunk");
        assertEquals(visitor.conversation(), last.next("assigned").getString("conversation"));
        away(last);
        visitor.end();
    }

    /**
     * Everyone is in wrap-up while a chat waits; the wrap-up of one counsellor behind the first hundred ends, with no
     * event. A round that reads only the best 32 and finds nobody free would leave the chat waiting for the read of
     * everyone; it reads on, and the chat is theirs at the next tick.
     */
    @Test
    void aWrapUpThatEndsBehindTheFirstReadIsFoundWithoutWaitingForTheReadOfEveryone() {
        TestSocket last = helpline.availableConsole(0, "many.last", TestConfig.PASSWORD);
        seed(1, FIRST_HUNDRED, true); // the first hundred decoys, then them, then the other decoys
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        Waits.until(() -> helpline.inRedis(redis -> redis.zscore(Keys.QUEUE, visitor.conversation())) != null, 5,
                "the chat waiting: everyone is in wrap-up");
        assertEquals(0, last.count("assigned"), "nobody is given a chat in wrap-up");
        helpline.inRedis(redis -> redis.del(Keys.wrapUp("many.last")));
        // well before the node's next read of every counsellor (every 15 s): the next ticks find them
        Waits.until(() -> last.count("assigned") > 0, 5, "the chat assigned once their wrap-up ended");
        assertEquals(visitor.conversation(), last.next("assigned").getString("conversation"));
        away(last);
        visitor.end();
    }

    /**
     * Puts every decoy in a long wrap-up with a live console, gives {@code many.last} the chat last given at
     * {@code lastGiven} (and a wrap-up too when {@code lastInWrapUp}), and the decoys from {@code laterFrom} on a chat
     * given just before {@link #LATER}; names them all to the node and waits until its board holds them.
     */
    private static void seed(long lastGiven, int laterFrom, boolean lastInWrapUp) {
        helpline.inRedis(redis -> {
            redis.hset(Keys.counsellor("many.last"), "lastAssignedAt", Long.toString(lastGiven));
            if (lastInWrapUp) {
                redis.psetex(Keys.wrapUp("many.last"), 3_600_000, "1");
            }
            for (int i = 0; i < DECOYS; i++) {
                String id = "many.decoy." + i;
                redis.hset(Keys.counsellor(id), "status", "available");
                redis.hset(Keys.counsellor(id), "capacity", "1");
                redis.hset(Keys.counsellor(id), "lastAssignedAt", i < laterFrom ? "0" : Long.toString(LATER - 1));
                redis.sadd(Keys.AVAILABLE_COUNSELLORS, id);
                redis.zadd(Keys.consoles(id), LATER, "seeded-console");
                redis.psetex(Keys.wrapUp(id), 3_600_000, "1");
            }
            redis.publish(Keys.ROUTING_CHANNEL, "available|many.last");
            for (int i = 0; i < DECOYS; i++) {
                redis.publish(Keys.ROUTING_CHANNEL, "available|many.decoy." + i);
            }
            return null;
        });
        Waits.until(() -> helpline.availableCounsellorsGauge(0) == DECOYS + 1, 10,
                "the node's board to know every counsellor");
    }
}
