package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.helpline.support.Helpline;
import org.helpline.support.SentinelRedis;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis Sentinel failover under live chats: two nodes on {@code REDIS_URL=redis-sentinel://...#helpline}, a primary
 * with a replica and three Sentinels. The primary is killed (SIGKILL) with a message in flight; the Sentinels promote
 * the replica, writes resume within 15 s, the sockets opened before the crash carry on, and every acknowledged
 * message is in each conversation's history once, in order.
 */
class SentinelFailoverIT {
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(15);

    @RegisterExtension
    @Order(1)
    static final SentinelRedis redis = new SentinelRedis();

    @RegisterExtension
    @Order(2)
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(
            TestConfig.counsellor("sentinel.amina", 4)), redis::url);

    private static JsonObject send(String clientId, String text) {
        return new JsonObject().put("type", "send").put("clientId", clientId).put("text", text);
    }

    /** One live chat: the visitor's socket and what both sides were told is stored, by seq. */
    private record Chat(Helpline.Visitor visitor, Map<Long, String> acknowledged) {
        String conversation() {
            return visitor.conversation();
        }

        void acknowledged(JsonObject ack, JsonObject frame) {
            String before = acknowledged.put(ack.getLong("seq"), frame.getString("text"));
            assertTrue(before == null || before.equals(frame.getString("text")), "one seq, one message");
        }
    }

    @Test
    void chatsCarryOnThroughAFailoverWithoutLosingAnAcknowledgedMessage() throws InterruptedException {
        TestSocket console = helpline.availableConsole(1, "sentinel.amina", TestConfig.PASSWORD);
        List<Chat> chats = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Helpline.Visitor visitor = helpline.visitor(i % 2, new JsonObject());
            assertEquals(visitor.conversation(), console.next("assigned").getString("conversation"));
            Chat chat = new Chat(visitor, new TreeMap<>());
            chats.add(chat);
            exchange(console, chat, "before");
        }
        String primaryBefore = redis.primary();

        Chat inFlight = chats.get(0);
        JsonObject crashing = send("v-crash", "sent as the primary dies");
        inFlight.visitor().socket().send(crashing);
        long killedAt = System.nanoTime();
        redis.killPrimary();
        inFlight.acknowledged(inFlight.visitor().socket().untilAcked(crashing, RESUME_WITHIN), crashing);
        Duration resumedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
        assertTrue(resumedAfter.compareTo(RESUME_WITHIN) < 0, "writes resumed after " + resumedAfter);
        // the in-flight message may have been stored before the kill: the promotion can come after its ack
        Waits.until(() -> !primaryBefore.equals(redis.primary()), (int) RESUME_WITHIN.toSeconds(),
                "the Sentinels promoted the replica");

        for (Chat chat : chats) {
            exchange(console, chat, "after");
        }
        for (Chat chat : chats) {
            assertEquals(chat.acknowledged(), history(chat), "every acknowledged message, once, in order");
            assertFalse(chat.visitor().socket().isClosed(), "the visitor's socket stayed open");
            chat.visitor().end();
        }
        assertFalse(console.isClosed(), "the console stayed open");
    }

    /** The visitor writes, the counsellor gets it live and answers, the visitor gets the answer live. */
    private static void exchange(TestSocket console, Chat chat, String phase) {
        JsonObject question = send("v-" + phase, phase + ": are you there?");
        chat.visitor().socket().send(question);
        JsonObject questionAck = chat.visitor().socket().untilAcked(question, RESUME_WITHIN);
        chat.acknowledged(questionAck, question);
        seen(console, chat, questionAck.getLong("seq"));
        JsonObject answer = send("c-" + phase, phase + ": I am here").put("conversation", chat.conversation());
        console.send(answer);
        JsonObject answerAck = console.untilAcked(answer, RESUME_WITHIN);
        chat.acknowledged(answerAck, answer);
        seen(chat.visitor().socket(), chat, answerAck.getLong("seq"));
    }

    private static void seen(TestSocket socket, Chat chat, long seq) {
        socket.take(f -> "message".equals(f.getString("type")) && chat.conversation().equals(f.getString(
                "conversation", chat.conversation())) && f.getLong("seq") == seq, "message " + seq + " live");
    }

    /** The conversation's history as a fresh socket resuming it reads it. */
    private static Map<Long, String> history(Chat chat) {
        TestSocket fresh = helpline.socket(0, "/ws/visitor");
        fresh.send(new JsonObject().put("type", "resume").put("conversation", chat.conversation())
                .put("resumeSecret", chat.visitor().secret()));
        int count = fresh.next("resumed").getInteger("lastSeq");
        Map<Long, String> history = new TreeMap<>();
        for (JsonObject message : fresh.exactly("message", count)) {
            assertEquals(null, history.put(message.getLong("seq"), message.getString("text")), "no seq twice");
        }
        fresh.close();
        return history;
    }
}
