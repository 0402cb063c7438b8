package org.helpline.transport;

import static org.helpline.transport.RoutingIT.away;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * chunk come first by routing's preference but cannot take a chat (each lost their place without the node knowing);
 * the one counsellor who can is read only in the fifth chunk (after 32, 64, 128 and 256 others), and must still get
 * the chat at once, not at the next read of everyone. While their wrap-ups run, counsellors are not read at all.
 */
class ManyConsolesRoutingIT {
    private static final int DECOYS = CounsellorStore.READ_CHUNK + 100;
    /** A time (ms) far ahead: a console lease that does not lapse during the test, the latest chat given. */
    private static final long LATER = 4_000_000_000_000L;
    /** More than a round's first read, fewer than what it reads on for while nobody read is free. */
    private static final int FIRST_HUNDRED = 100;
    /** A wrap-up that ends while the chat waits. */
    private static final long WRAP_UP_MILLIS = 3_000;

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
        // the decoys' places taken with no event (as another node's round takes one): the board still holds them free
        helpline.inRedis(redis -> {
            for (int i = 0; i < DECOYS; i++) {
                redis.sadd(Keys.counsellorConversations("many.decoy." + i), "elsewhere");
            }
            return null;
        });
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        // well before the node's next read of every counsellor (every 15 s), which would find them too
        Waits.until(() -> last.count("assigned") > 0, 5, "the chat assigned from a later chunk");
        assertEquals(visitor.conversation(), last.next("assigned").getString("conversation"));
        away(last);
        visitor.end();
    }

    /**
     * Everyone is in a long wrap-up while a chat waits, and one counsellor behind the first hundred in a short one,
     * which ends by itself, with no event. Rounds meanwhile read none of those whose wrap-up runs (every tick used to
     * read them all, 500 at a time), and the chat is theirs once their wrap-up has ended, not at the next read of
     * everyone.
     */
    @Test
    void aWrapUpThatEndsByItselfIsFoundWithoutReadingThoseStillInWrapUp() {
        TestSocket last = helpline.availableConsole(0, "many.last", TestConfig.PASSWORD);
        seed(1, FIRST_HUNDRED, true); // the first hundred decoys, then them, then the other decoys
        helpline.inRedis(redis -> redis.psetex(Keys.wrapUp("many.last"), WRAP_UP_MILLIS, "1")); // no event says so
        long readsBefore = counsellorReads();
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        Waits.until(() -> helpline.inRedis(redis -> redis.zscore(Keys.QUEUE, visitor.conversation())) != null, 5,
                "the chat waiting: everyone is in wrap-up");
        assertEquals(0, last.count("assigned"), "nobody is given a chat in wrap-up");
        // well before the node's next read of every counsellor (every 15 s)
        Waits.until(() -> last.count("assigned") > 0, 10, "the chat assigned once their wrap-up ended");
        long wrapUps = helpline.inRedis(redis -> redis.exists(Keys.wrapUp("many.last")));
        assertEquals(0, wrapUps, "not before their wrap-up ended");
        long reads = counsellorReads() - readsBefore;
        // one read of everyone (every 15 s) may fall in the window; the rounds themselves read a few
        assertTrue(reads < DECOYS + 1 + 100, "rounds while the chat waited read " + reads
                + " counsellors (a read of everyone, every 15 s, is " + (DECOYS + 1) + ")");
        assertEquals(visitor.conversation(), last.next("assigned").getString("conversation"));
        away(last);
        visitor.end();
    }

    /** Counsellors read by routing so far, and a few more: each is one HMGET (reachable_counsellors.lua). */
    private static long counsellorReads() {
        String stats = helpline.inRedis(redis -> redis.info("commandstats"));
        Matcher hmget = Pattern.compile("cmdstat_hmget:calls=(\\d+)").matcher(stats);
        return hmget.find() ? Long.parseLong(hmget.group(1)) : 0;
    }

    /**
     * Gives every decoy a live console and a free place, and a long wrap-up when {@code decoysInWrapUp}; gives
     * {@code many.last} the chat last given at {@code lastGiven}, and the decoys from {@code laterFrom} on a chat given
     * just before {@link #LATER}; names them all to the node and waits until its board holds them.
     */
    private static void seed(long lastGiven, int laterFrom, boolean decoysInWrapUp) {
        helpline.inRedis(redis -> {
            redis.hset(Keys.counsellor("many.last"), "lastAssignedAt", Long.toString(lastGiven));
            for (int i = 0; i < DECOYS; i++) {
                String id = "many.decoy." + i;
                redis.hset(Keys.counsellor(id), "status", "available");
                redis.hset(Keys.counsellor(id), "capacity", "1");
                redis.hset(Keys.counsellor(id), "lastAssignedAt", i < laterFrom ? "0" : Long.toString(LATER - 1));
                redis.sadd(Keys.AVAILABLE_COUNSELLORS, id);
                redis.zadd(Keys.consoles(id), LATER, "seeded-console");
                redis.del(Keys.counsellorConversations(id));
                if (decoysInWrapUp) {
                    redis.psetex(Keys.wrapUp(id), 3_600_000, "1");
                } else {
                    redis.del(Keys.wrapUp(id));
                }
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
