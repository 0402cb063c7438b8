package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.helpline.config.AbuseSettings;
import org.helpline.config.HelplineConfig;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.SettableClock;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A block lasts {@code abuse.blockHours}, not until the client keys change at 00:00 UTC: the day's secret of a
 * blocked key is kept as long as the block, and a visitor's key of the new day is checked against the blocks of the
 * earlier keys still kept (docs/security.md). Two nodes on a real Redis, with a clock the test steps across midnight.
 * Each node keeps the list of kept days in memory; both have read it (at a visitor's handshake) before the block is
 * made, so they must hear of the block's change to it.
 */
class BlocksAcrossMidnightIT {
    /** Longer than a day's secret lives (25 h), so the block must keep it. */
    private static final Duration BLOCK = Duration.ofHours(48);
    /**
     * The days the test steps across, counted from today's date so that the node's clock stays within days of
     * Redis's (a few checks, such as a console's lease and when deadlines are due, go by Redis's clock:
     * docs/operations.md).
     */
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final SettableClock clock = new SettableClock(beforeMidnight(TODAY.minusDays(1)));

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config(), clock);

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.supervisor("midnight.sam"),
                TestConfig.counsellor("midnight.amina", 50));
        return ConfigBuilder.from(base).abuse(new AbuseSettings(1000, 1000, 1000, BLOCK)).build();
    }

    @Test
    void aBlockMadeBeforeMidnightHoldsOnTheNewDayOnEveryNodeUntilLifted() {
        LocalDate day = TODAY.minusDays(1);
        clock.set(beforeMidnight(day));
        String conversation = endAsAbusive("198.51.100.77");
        assertEquals("chat_unavailable", start(0, "198.51.100.77").getString("code"), "blocked the same day");
        assertKeptForTheBlock(day);

        clock.set(afterMidnight(day).plusSeconds(1));
        assertEquals("chat_unavailable", start(0, "198.51.100.77").getString("code"), "still blocked after midnight");
        assertEquals("chat_unavailable", start(1, "198.51.100.77").getString("code"), "on every node");
        assertEquals("started", start(1, "198.51.100.78").getString("type"), "another client starts");
        long newDaySeconds = ttl("hl:clientkey:secret:" + day.plusDays(1));
        assertTrue(newDaySeconds <= Duration.ofHours(25).toSeconds(), "no block keeps the new day's secret");

        String token = helpline.login(0, "midnight.sam", TestConfig.PASSWORD);
        JsonObject block = listedBlock(token, conversation);
        assertEquals(BLOCK.toMillis(), block.getLong("until") - block.getLong("at"));

        HttpResponse<String> lifted = lift(token, block.getString("client"));
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals("started", start(0, "198.51.100.77").getString("type"), "lifted on the new day too");
    }

    /**
     * A lift that Redis fails half-way (the listing's HDEL refused, its last step), tried again by the supervisor,
     * lifts the block on the key of the new day too: the block stays listed until the lift is done, and the copies
     * are known by the key they name as their client.
     */
    @Test
    void aLiftThatFailedHalfWayAndIsTriedAgainLiftsTheBlockOnTheNewDayToo() {
        LocalDate day = TODAY.plusDays(4);
        clock.set(beforeMidnight(day));
        String conversation = endAsAbusive("198.51.100.95");
        clock.set(afterMidnight(day).plusSeconds(1));
        assertEquals("chat_unavailable", start(0, "198.51.100.95").getString("code"), "carried to the new day's key");
        String token = helpline.login(0, "midnight.sam", TestConfig.PASSWORD);
        String client = listedBlock(token, conversation).getString("client");

        helpline.inRedis(redis -> redis.aclSetuser("default", AclSetuserArgs.Builder.removeCommand(CommandType.HDEL)));
        try {
            HttpResponse<String> failed = lift(token, client);
            assertEquals(503, failed.statusCode(), failed.body());
            assertEquals(client, listedBlock(token, conversation).getString("client"), "still listed, to lift again");
        } finally {
            helpline.inRedis(redis -> redis.aclSetuser("default", AclSetuserArgs.Builder.addCommand(CommandType.HDEL)));
        }
        HttpResponse<String> lifted = lift(token, client);
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals("started", start(0, "198.51.100.95").getString("type"), "lifted on the new day's key too");
    }

    /** The one block listed for the chat {@code conversation} (one, not one per day it followed its client to). */
    private static JsonObject listedBlock(String token, String conversation) {
        JsonArray blocks = new JsonObject(helpline.withToken(0, token, "/api/supervisor/blocks", null).body())
                .getJsonArray("blocks");
        List<JsonObject> ours = blocks.stream().map(JsonObject.class::cast)
                .filter(listed -> conversation.equals(listed.getString("conversation"))).toList();
        assertEquals(1, ours.size(), "one block listed, not one per day: " + blocks);
        return ours.get(0);
    }

    private static HttpResponse<String> lift(String token, String client) {
        return helpline.withToken(0, token, "/api/supervisor/blocks/lift",
                new JsonObject().put("client", client).encode());
    }

    @Test
    void aChatStartedBeforeMidnightAndEndedAsAbusiveAfterItBlocksTheClientsNewKey() {
        LocalDate day = TODAY.plusDays(2);
        clock.set(beforeMidnight(day));
        readTheKeptDays(0, "198.51.100.92");
        TestSocket console = helpline.availableConsole(0, "midnight.amina", TestConfig.PASSWORD);
        TestSocket visitor = helpline.visitorFrom(1, "198.51.100.90");
        String conversation = start(visitor).getString("conversation");
        assigned(console, conversation);

        clock.set(afterMidnight(day));
        TestSocket openedBeforeTheBlock = helpline.visitorFrom(1, "198.51.100.90");
        end(console, visitor, conversation);
        assertKeptForTheBlock(day); // the day of the chat's key, not the day of the block
        assertEquals("chat_unavailable", start(openedBeforeTheBlock).getString("code"),
                "from a page opened after midnight, before the block"); // first: this start carries the block
        assertEquals("chat_unavailable", start(0, "198.51.100.90").getString("code"), "the new day's key is blocked");
        assertEquals("started", start(0, "198.51.100.91").getString("type"), "another client starts");
    }

    /**
     * A chat started before midnight and ended as abusive once its key's day's secret has expired (25 hours after the
     * first start of that day): no client can be matched to its key any more, so the counsellor is told nobody was
     * blocked, and nothing is listed or kept as if someone were.
     */
    @Test
    void aChatEndedAsAbusiveOnceItsKeysSecretExpiredSaysNobodyWasBlocked() {
        LocalDate day = TODAY.plusDays(6);
        clock.set(beforeMidnight(day));
        TestSocket console = helpline.availableConsole(0, "midnight.amina", TestConfig.PASSWORD);
        TestSocket visitor = helpline.visitorFrom(1, "198.51.100.93");
        String conversation = start(visitor).getString("conversation");
        assigned(console, conversation);

        clock.set(afterMidnight(day).plus(Duration.ofHours(2)));
        helpline.inRedis(redis -> redis.del("hl:clientkey:secret:" + day)); // as its expiry would
        end(console, visitor, conversation);
        JsonObject result = console.take(frame -> "block_result".equals(frame.getString("type")), "the block's result");
        assertEquals("client_unknown", result.getString("outcome"), result.encode());
        assertTrue(helpline.<List<String>>inRedis(redis -> redis.hvals("hl:blocks")).stream()
                .noneMatch(listing -> listing.contains(conversation)), "not listed");
        assertNull(helpline.inRedis(redis -> redis.zscore("hl:clientkey:kept", day.toString())), "no day kept");
        assertEquals("started", start(0, "198.51.100.93").getString("type"), "nothing blocked");
    }

    /** Two seconds before the end of {@code day}, UTC. */
    private static Instant beforeMidnight(LocalDate day) {
        return afterMidnight(day).minusSeconds(3);
    }

    /** One second into the day after {@code day}, UTC. */
    private static Instant afterMidnight(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(1);
    }

    /** A chat from {@code address} ended as abusive by the counsellor; its conversation. */
    private String endAsAbusive(String address) {
        readTheKeptDays(0, "198.51.100.79");
        TestSocket console = helpline.availableConsole(0, "midnight.amina", TestConfig.PASSWORD);
        TestSocket visitor = helpline.visitorFrom(1, address);
        String conversation = start(visitor).getString("conversation");
        assigned(console, conversation);
        end(console, visitor, conversation);
        return conversation;
    }

    /**
     * A chat started and ended on {@code node} from another address, while no counsellor is available: the node has
     * read the kept days and keeps its copy of them.
     */
    private void readTheKeptDays(int node, String address) {
        TestSocket visitor = helpline.visitorFrom(node, address);
        assertEquals("started", start(visitor).getString("type"));
        visitor.send(new JsonObject().put("type", "end"));
        visitor.next("ended");
    }

    private static void assigned(TestSocket console, String conversation) {
        console.take(frame -> "assigned".equals(frame.getString("type"))
                && conversation.equals(frame.getString("conversation")), "the chat assigned");
    }

    private static void end(TestSocket console, TestSocket visitor, String conversation) {
        console.send(new JsonObject().put("type", "end").put("conversation", conversation).put("abusive", true));
        visitor.next("ended");
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    private JsonObject start(int node, String address) {
        return start(helpline.visitorFrom(node, address));
    }

    private static JsonObject start(TestSocket socket) {
        socket.send(new JsonObject().put("type", "start").put("triage", new JsonObject()));
        return socket.take(frame -> "started".equals(frame.getString("type"))
                || "error".equals(frame.getString("type")), "started or an error");
    }

    /** The secret of {@code day} lives as long as the block made with its keys, and the day is listed as kept. */
    private static void assertKeptForTheBlock(LocalDate day) {
        long seconds = ttl("hl:clientkey:secret:" + day);
        assertTrue(seconds > BLOCK.toSeconds() - 60, day + "'s secret lives " + seconds + " s");
        Double until = helpline.inRedis(redis -> redis.zscore("hl:clientkey:kept", day.toString()));
        assertEquals(clock.millis() + BLOCK.toMillis(), until == null ? 0 : until.longValue(), day + " kept until");
    }

    private static long ttl(String key) {
        return helpline.inRedis(redis -> redis.ttl(key));
    }
}
