package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Limits;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits of one conversation over all its visitor sockets, on two nodes: whoever holds its resume secret may open
 * sockets on it, but at most two stay attached (here), and together they store at most five messages a minute and
 * twelve in all.
 */
class ConversationLimitsIT {
    private static final int PER_MINUTE = 5;
    private static final int TOTAL = 12;
    private static final int SOCKETS = 2;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        Limits limits = base.limits();
        return ConfigBuilder.from(base).limits(new Limits(limits.maxFrameBytes(), limits.hardMessageBytes(),
                limits.maxTextChars(), limits.framesPerSecond(), limits.frameBurst(), limits.maxViolations(),
                PER_MINUTE, TOTAL, limits.visitorBytesPerConversation(), SOCKETS,
                limits.framesHandledPerNode())).build();
    }

    private static JsonObject say(TestSocket socket, String clientId) {
        socket.send(new JsonObject().put("type", "send").put("clientId", clientId).put("text", "hello"));
        return socket.take(frame -> "ack".equals(frame.getString("type"))
                && clientId.equals(frame.getString("clientId"))
                || "error".equals(frame.getString("type")) && clientId.equals(frame.getString("ref")),
                "the answer to " + clientId);
    }

    @Test
    void aThirdSocketOnOneConversationReplacesTheOldestOnWhicheverNode() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        TestSocket second = helpline.resumed(1, visitor);
        List<TestSocket> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(helpline.resumed(i % 2, visitor));
        }
        assertEquals(VisitorSocket.REPLACED, visitor.socket().awaitClose(), "the first, on node 0");
        assertEquals(visitor.conversation(), visitor.socket().next("replaced").getString("conversation"));
        assertEquals(VisitorSocket.REPLACED, second.awaitClose(), "the second, on node 1");
        for (int i = 0; i < later.size() - SOCKETS; i++) {
            assertEquals(VisitorSocket.REPLACED, later.get(i).awaitClose());
        }
        for (TestSocket open : later.subList(later.size() - SOCKETS, later.size())) {
            assertFalse(open.isClosed(), "the newest two stay");
            assertEquals("ack", say(open, "still-" + later.indexOf(open)).getString("type"));
        }
    }

    @Test
    void messagesPerMinuteCountOverAllTheSocketsOfTheConversation() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        TestSocket other = helpline.resumed(1, visitor);
        int acknowledged = 0;
        for (int i = 0; i < PER_MINUTE; i++) {
            JsonObject answer = say(i % 2 == 0 ? visitor.socket() : other, "m-" + i);
            assertEquals("ack", answer.getString("type"), answer.encode());
            acknowledged++;
        }
        JsonObject refused = say(other, "one-too-many");
        assertEquals("rate_limited", refused.getString("code"));
        JsonObject refusedToo = say(visitor.socket(), "one-too-many-too");
        assertEquals("rate_limited", refusedToo.getString("code"), "the other socket too");
        assertEquals(PER_MINUTE, acknowledged);
        assertEquals(String.valueOf(PER_MINUTE), helpline.inRedis(redis -> redis.hget(
                "hl:conv:{" + visitor.conversation() + "}", "visitorMessages")), "refused messages are not counted");
        assertFalse(other.isClosed(), "a refused message does not close the socket");
    }

    @Test
    void aNewMinuteStartsSixtySecondsAfterTheFirstMessageOfTheLast() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        for (int i = 0; i < PER_MINUTE; i++) {
            assertEquals("ack", say(visitor.socket(), "minute-" + i).getString("type"));
        }
        assertEquals("rate_limited", say(visitor.socket(), "too-soon").getString("code"));
        String conversation = "hl:conv:{" + visitor.conversation() + "}";
        boolean kept = helpline.inRedis(redis -> redis.hexists(conversation + ":ids", "visitor:too-soon"));
        assertFalse(kept, "a refused message leaves no client id behind");
        long from = Long.parseLong(helpline.inRedis(redis -> redis.hget(conversation, "visitorMinuteFrom")));
        helpline.inRedis(redis -> redis.hset(conversation, "visitorMinuteFrom", Long.toString(from - 60_000)));
        JsonObject resent = say(visitor.socket(), "too-soon");
        assertEquals("ack", resent.getString("type"), "the minute is over: the refused message, sent again, is stored");
        assertEquals(PER_MINUTE + 1, resent.getLong("seq"), resent.encode());
        assertEquals(String.valueOf(PER_MINUTE + 1), helpline.inRedis(redis -> redis.hget(conversation,
                "visitorMessages")), "counted in the conversation's total");
        for (int i = 1; i < PER_MINUTE; i++) {
            assertEquals("ack", say(visitor.socket(), "next-minute-" + i).getString("type"));
        }
        assertEquals("rate_limited", say(visitor.socket(), "too-soon-again").getString("code"),
                "the new minute counts too");
    }

    @Test
    void aConversationFullOfMessagesRefusesMoreWithConversationFull() {
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject());
        helpline.inRedis(redis -> redis.hset("hl:conv:{" + visitor.conversation() + "}", "visitorMessages",
                String.valueOf(TOTAL)));
        JsonObject refused = say(visitor.socket(), "after-the-last");
        assertEquals("conversation_full", refused.getString("code"));
        assertTrue(helpline.inRedis(redis -> redis.llen("hl:conv:{" + visitor.conversation() + "}:log")) == 0,
                "nothing stored");
    }

    @Test
    void aConversationFullOfTextRefusesMoreWithConversationFull() {
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject());
        String conversation = "hl:conv:{" + visitor.conversation() + "}";
        int budget = helpline.config().limits().visitorBytesPerConversation();
        helpline.inRedis(redis -> redis.hset(conversation, "visitorBytes", String.valueOf(budget - 5)));
        assertEquals("ack", say(visitor.socket(), "just-fits").getString("type"), "'hello': five bytes, the last");
        assertEquals(String.valueOf(budget), helpline.inRedis(redis -> redis.hget(conversation, "visitorBytes")));
        JsonObject refused = say(visitor.socket(), "one-byte-too-many");
        assertEquals("conversation_full", refused.getString("code"));
        assertEquals(Long.valueOf(1), helpline.inRedis(redis -> redis.llen(conversation + ":log")),
                "nothing more stored");
    }
}
