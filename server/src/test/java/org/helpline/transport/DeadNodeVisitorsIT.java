package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KillArgs;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that dies without closing its sockets (here its Redis connections go first, as in a crash) leaves its
 * visitors' chats open: once its lease runs out (3 s here), another node sets them away, as if their sockets had
 * closed. The waiting chat leaves the queue, the held one's counsellor is told, and both are held for the visitor to
 * come back, then end; none is left open for ever.
 */
class DeadNodeVisitorsIT {
    /** What node_gone.lua does to a visitor whose node's lease ran out (the hold is set 10 minutes ahead)... */
    private static final String SET_AWAY_UNHEARD = "redis.call('HDEL', KEYS[1], 'visitorSocket') "
            + "redis.call('HSET', KEYS[1], 'visitorAway', 'connection_lost', 'visitorAwaySince', 1) "
            + "redis.call('ZADD', KEYS[2], 9999999999999, 'hold|' .. ARGV[1]) ";
    /** ...and the word it publishes. */
    private static final String SET_AWAY = SET_AWAY_UNHEARD + "return redis.call('PUBLISH', ARGV[2], "
            + "cjson.encode({type = 'visitor_presence', conversation = ARGV[1], present = false, "
            + "reason = 'connection_lost', at = 1}))";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("deadnode.amina", 1), TestConfig.counsellor("deadnode.louise", 1)))
            .quickTimers().build());

    @Test
    void theVisitorsOfANodeThatDiedAreSetAwayAndHeld() {
        TestSocket console = helpline.availableConsole(0, "deadnode.amina", TestConfig.PASSWORD);
        Helpline.Visitor answered = helpline.visitor(1, new JsonObject());
        assertEquals(answered.conversation(), console.next("assigned").getString("conversation"));
        Helpline.Visitor waiting = helpline.visitor(1, new JsonObject());
        Waits.until(() -> queueScore(waiting.conversation()) != null, 10, "the second chat waiting");

        helpline.halt(1);
        for (Helpline.Visitor visitor : new Helpline.Visitor[]{answered, waiting}) {
            Waits.until(() -> "connection_lost".equals(field(visitor.conversation(), "visitorAway")), 15,
                    "set away by the node still running");
            assertNull(field(visitor.conversation(), "visitorSocket"));
            assertNotNull(holdDeadline(visitor.conversation()), "held for her to come back, then ended");
        }
        assertNull(queueScore(waiting.conversation()), "out of the queue: nobody's position counts a ghost");
        JsonObject gone = console.take(f -> "visitor_presence".equals(f.getString("type")), "her counsellor told");
        assertEquals(answered.conversation(), gone.getString("conversation"));
        assertFalse(gone.getBoolean("present"));
        assertEquals(List.of(), helpline.inRedis(redis -> redis.keys(Keys.nodeVisitors("*"))),
                "the dead node's list read and dropped; the live node holds no visitor yet");

        TestSocket back = helpline.resumed(0, answered);
        assertNull(field(answered.conversation(), "visitorAway"), "back on the other node: no longer away");
        back.send(new JsonObject().put("type", "end"));
        back.next("ended");
        RoutingIT.away(console);
    }

    /**
     * A node alive but cut off from Redis for a whole lease is taken for gone, and its visitors set away (done here as
     * node_gone.lua does it, since a node that renews its lease is never taken for gone): each socket still open, told
     * so, takes her presence back at once (no hold runs out under a visitor who is here).
     */
    @Test
    void aVisitorSetAwayWhileHerSocketIsOpenTakesHerPresenceBack() {
        TestSocket console = helpline.availableConsole(0, "deadnode.louise", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        helpline.inRedis(redis -> redis.eval(SET_AWAY, ScriptOutputType.INTEGER,
                new String[]{Keys.conversation(conversation), Keys.DEADLINES}, conversation,
                Keys.conversationChannel(conversation)));

        JsonObject away = console.take(f -> "visitor_presence".equals(f.getString("type")), "set away");
        assertFalse(away.getBoolean("present"));
        JsonObject back = console.take(f -> "visitor_presence".equals(f.getString("type")), "back at once");
        assertTrue(back.getBoolean("present"));
        assertNull(field(visitor.conversation(), "visitorAway"));
        assertNull(holdDeadline(visitor.conversation()), "no hold runs");
        String held = conversation + "|" + field(conversation, "visitorSocket");
        visitor.end();
        Waits.until(() -> helpline.inRedis(redis -> redis.keys(Keys.nodeVisitors("*")).stream()
                .noneMatch(key -> redis.sismember(key, held))), 10, "an ended chat's presence forgotten by its node");
        RoutingIT.away(console);
    }

    /**
     * The same when the word is lost: a cut from Redis long enough for the node to be taken for gone takes its pub/sub
     * connection down too. Once that connection is back, her socket reads her chat set away and takes her presence
     * back; without that, the hold would run out and end the chat of a visitor who never left.
     */
    @Test
    void aVisitorSetAwayUnheardInAPubSubGapTakesHerPresenceBackOnceItIsOver() {
        TestSocket console = helpline.availableConsole(0, "deadnode.louise", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        helpline.inRedis(redis -> redis.eval(SET_AWAY_UNHEARD + "return 1", ScriptOutputType.INTEGER,
                new String[]{Keys.conversation(conversation), Keys.DEADLINES}, conversation));
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));

        Waits.until(() -> field(conversation, "visitorAway") == null, 15, "her presence taken back");
        assertNull(holdDeadline(conversation), "no hold runs");
        visitor.end();
        RoutingIT.away(console);
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    private static Double queueScore(String conversation) {
        return helpline.inRedis(redis -> redis.zscore(Keys.QUEUE, conversation));
    }

    private static Double holdDeadline(String conversation) {
        return helpline.inRedis(redis -> redis.zscore(Keys.DEADLINES, "hold|" + conversation));
    }
}
