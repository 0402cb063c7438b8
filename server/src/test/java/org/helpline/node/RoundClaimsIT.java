package org.helpline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.helpline.auth.Digests;
import org.helpline.auth.Secrets;
import org.helpline.config.DataKeys;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Assignment;
import org.helpline.domain.Availability;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Role;
import org.helpline.domain.Triage;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.ChatStart;
import org.helpline.store.ChatStartStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.EmbeddedRedis;
import org.helpline.store.Keys;
import org.helpline.store.QueueStore;
import org.helpline.store.RedisBridge;
import org.helpline.store.RedisConnections;
import org.helpline.store.Scripts;
import org.helpline.store.StartOutcome;
import org.helpline.store.TranscriptCipher;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.TestConfig;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A routing round's claims go each on its own conversation's connection to Redis, so two sent together could be run
 * in either order: a counsellor's are sent one after the other, and with one place left the chat that came first in
 * the head gets it, even when its connection has a backlog and the second chat's has none.
 */
class RoundClaimsIT {
    private static final int PAIRS = 12;
    /** Commands queued on the first chat's connection before the claims: a few of Redis's 16 KB reads. */
    private static final int BACKLOG = 500;
    private static final String BACKLOG_VALUE = "x".repeat(100);
    private static EmbeddedRedis redis;
    private static Vertx vertx;
    private static RedisConnections connections;
    private static HelplineConfig config;
    private static QueueStore queue;
    private static ChatStartStore starts;
    private static CounsellorStore counsellors;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        vertx = Vertx.vertx();
        config = ConfigBuilder.from(TestConfig.withCounsellors(IntStream.range(0, PAIRS)
                .mapToObj(i -> TestConfig.counsellor(counsellor(i), 1)).toArray(Counsellor[]::new)))
                .commandConnections(4).build();
        connections = RedisConnections.open(redis.url(), config.redis());
        RedisBridge bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        Scripts scripts = new Scripts(connections.lanes(), bridge);
        TranscriptCipher cipher = new TranscriptCipher(DataKeys.none());
        queue = new QueueStore(connections.lanes().shared(), bridge, scripts, Clock.systemUTC(), config.routing(),
                cipher);
        starts = new ChatStartStore(scripts, Clock.systemUTC(), config.routing(), cipher);
        counsellors = new CounsellorStore(connections.lanes().shared(), bridge, scripts, Clock.systemUTC(),
                config::counsellor);
    }

    @AfterAll
    static void stop() throws Exception {
        connections.closeAsync().get(10, TimeUnit.SECONDS);
        Waits.await(vertx.close(), 10);
        redis.close();
    }

    private static String counsellor(int pair) {
        return "one-place-" + pair;
    }

    @Test
    void aCounsellorWithOnePlaceLeftGetsTheChatThatCameFirst() {
        RoundClaims claims = new RoundClaims(queue, config,
                new RoutingMeters(new SimpleMeterRegistry(), Duration.ofSeconds(60)));
        RedisCommands<String, String> inRedis = connections.commands().sync();
        for (int pair = 0; pair < PAIRS; pair++) {
            Counsellor counsellor = config.counsellor(counsellor(pair)).orElseThrow();
            await(counsellors.setAvailability(counsellor, Availability.AVAILABLE));
            await(counsellors.consoleAlive(counsellor.id(), "socket-" + pair, Duration.ofSeconds(30)));
            String first = "came-first-" + pair;
            String second = onAnotherLane(first, "came-second-" + pair);
            startChat(first);
            startChat(second);
            RedisAsyncCommands<String, String> firstLane = connections.lanes().ofConversation(first);
            for (int busy = 0; busy < BACKLOG; busy++) { // the first chat's connection has a backlog, the other not
                firstLane.set("backlog-" + busy, BACKLOG_VALUE);
            }
            int claimed = await(claims.claim(List.of(new Assignment(first, counsellor.id()),
                    new Assignment(second, counsellor.id()))));
            assertEquals(1, claimed, "one place, one chat");
            assertEquals(counsellor.id(), inRedis.hget(Keys.conversation(first), "counsellor"), first);
            assertNull(inRedis.hget(Keys.conversation(second), "counsellor"), second + " waits on");
        }
    }

    /** {@code candidate}, or the first of candidate-1, candidate-2... whose lane is not that of {@code other}. */
    private static String onAnotherLane(String other, String candidate) {
        RedisAsyncCommands<String, String> taken = connections.lanes().ofConversation(other);
        return IntStream.range(0, 100).mapToObj(n -> n == 0 ? candidate : candidate + "-" + n)
                .filter(id -> connections.lanes().ofConversation(id) != taken).findFirst().orElseThrow();
    }

    private static void startChat(String id) {
        Triage triage = new Triage(Optional.of(Role.VICTIM), Optional.of("fr"), Optional.of("59"),
                Optional.of("physical"), true, false);
        ChatStart start = new ChatStart(id, triage, Optional.empty(), Digests.sha256(id),
                new ClientKey(Secrets.random(16), LocalDate.now(ZoneOffset.UTC)), Integer.MAX_VALUE,
                Integer.MAX_VALUE);
        assertInstanceOf(StartOutcome.Started.class, await(starts.start(start, "code-" + id)));
    }

    private static <T> T await(Future<T> future) {
        return Waits.await(future, 10);
    }
}
