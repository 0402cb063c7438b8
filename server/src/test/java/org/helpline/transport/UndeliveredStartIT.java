package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.helpline.auth.Digests;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Triage;
import org.helpline.store.ChatStart;
import org.helpline.store.ChatStartStore;
import org.helpline.store.Keys;
import org.helpline.store.RedisBridge;
import org.helpline.store.RedisConnections;
import org.helpline.store.Scripts;
import org.helpline.store.StartOutcome;
import org.helpline.store.TranscriptCipher;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A start whose answer was lost (the node gave up waiting for the creation script, or died, after Redis ran it): the
 * conversation is queued, but no socket of its visitor ever attaches and nobody can continue it. Its start deadline
 * erases it, unqueued and not counted as a chat, and a counsellor already given it is told it ended. Here the lost
 * answer is a creation run by the test's own store on the node's Redis, as the node would have; the node's deadline
 * worker fires the deadline, brought forward from its three minutes.
 */
class UndeliveredStartIT {
    private static final String COUNSELLOR = "ghost.amina";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 3))).wrapUp(Duration.ofSeconds(30)).build());

    private static Vertx vertx;
    private static RedisConnections connections;
    private static ChatStartStore lostAnswers;

    @BeforeAll
    static void storeOfANodeThatLostTheAnswer() {
        HelplineConfig config = helpline.config();
        vertx = Vertx.vertx();
        connections = RedisConnections.open(helpline.redis().url(), config.redis());
        RedisBridge bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        lostAnswers = new ChatStartStore(new Scripts(connections.lanes(), bridge), Clock.systemUTC(), config.routing(),
                new TranscriptCipher(config.retention().dataKeys()));
    }

    @AfterAll
    static void close() throws Exception {
        connections.closeAsync().get();
        Waits.await(vertx.close(), 10);
    }

    /** A conversation created as a start creates it, whose answer never reached a socket. */
    private static String createdWithTheAnswerLost() {
        String id = ConversationOpening.newId();
        ChatStart start = new ChatStart(id, Triage.none(), Optional.empty(), Digests.sha256("secret-" + id),
                new ClientKey(Secrets.random(16), LocalDate.now(ZoneOffset.UTC)), 20, 60);
        assertInstanceOf(StartOutcome.Started.class,
                Waits.await(lostAnswers.start(start, ResumeCode.generate()), 10));
        return id;
    }

    private static Double startDeadline(String conversation) {
        return helpline.inRedis(redis -> redis.zscore("hl:deadlines", "start|" + conversation));
    }

    private static void bringForward(String conversation) {
        helpline.inRedis(redis -> redis.zadd("hl:deadlines", 1, "start|" + conversation));
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    private static void assertErasedUncounted(String conversation) {
        Waits.until(() -> "ended".equals(field(conversation, "status")), 15, "the start deadline fired");
        assertEquals("1", field(conversation, "erased"));
        assertNull(field(conversation, "resumeCode"), "the resume code leads nowhere any more");
        assertNull(field(conversation, "resumeCodeSealed"), "nor is it kept for her page");
        assertNull(helpline.inRedis(redis -> redis.zscore("hl:queue", conversation)), "no longer queued");
        assertNull(startDeadline(conversation));
    }

    @Test
    void aQueuedConversationNoVisitorEverAttachedToIsErasedWhenItsStartDeadlineFires() {
        long before = helpline.inRedis(redis -> Long.parseLong(redis.time().get(0))) * 1000;
        String ghost = createdWithTheAnswerLost();
        Double due = startDeadline(ghost);
        assertNotNull(due, "a start deadline is set with the conversation");
        assertTrue(due >= before + 170_000 && due <= before + 200_000, "about three minutes of Redis time: " + due);
        assertNotNull(helpline.inRedis(redis -> redis.zscore("hl:queue", ghost)), "queued meanwhile");
        long fired = helpline.deadlineCounts().getOrDefault("fired", 0L);

        bringForward(ghost);
        assertErasedUncounted(ghost);
        assertTrue(helpline.deadlineCounts().get("fired") > fired);
        assertTrue(helpline.inRedis(redis -> redis.zrange("hl:stats:waits", 0, -1)).stream()
                .noneMatch(member -> member.contains(ghost)), "not counted as a chat left unanswered");
    }

    @Test
    void aCounsellorGivenTheConversationIsToldItEndedAndGetsHerPlaceBack() {
        TestSocket console = helpline.availableConsole(0, COUNSELLOR, TestConfig.PASSWORD);
        String ghost = createdWithTheAnswerLost();
        console.take(f -> "assigned".equals(f.getString("type")) && ghost.equals(f.getString("conversation")),
                "the conversation given to the counsellor");

        bringForward(ghost);
        JsonObject ended = console.take(f -> "ended".equals(f.getString("type"))
                && ghost.equals(f.getString("conversation")), "told the conversation ended");
        assertEquals(Boolean.FALSE, ended.getBoolean("wrapUp"), "the console starts no wrap-up bar: " + ended);
        assertEquals("1", field(ghost, "notAChat"), "kept, for the same word after a gap in the console's events");
        assertErasedUncounted(ghost);
        Waits.until(() -> helpline.inRedis(redis -> redis.scard("hl:counsellor:{" + COUNSELLOR + "}:conversations"))
                == 0, 10, "the counsellor's place free again");
        assertEquals(Long.valueOf(0), helpline.<Long>inRedis(redis -> redis.exists(Keys.wrapUp(COUNSELLOR))),
                "no wrap-up after no chat");
        console.close();
    }

    @Test
    void theVisitorsFirstSocketCancelsItSoAStartedChatIsKept() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("topic", "shelter"));
        String conversation = visitor.conversation();
        assertNull(startDeadline(conversation), "cancelled when the socket attached, before `started`");
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "hello?"));
        visitor.socket().next("ack");
        assertEquals("waiting", field(conversation, "status"));
        visitor.end();
    }
}
