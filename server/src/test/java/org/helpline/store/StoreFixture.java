package org.helpline.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.helpline.auth.Digests;
import org.helpline.auth.Secrets;
import org.helpline.config.DataKeys;
import org.helpline.config.HelplineConfig;
import org.helpline.config.SessionSettings;
import org.helpline.domain.Availability;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Role;
import org.helpline.domain.ServiceCalendar;
import org.helpline.domain.Triage;
import org.helpline.support.TestConfig;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;

/**
 * A node's stores against a redis-server of their own (the test configuration's counsellors, the system clock), for
 * the tests of the stores and their Lua transitions, and of what the sockets build on them
 * ({@code ConversationFeedIT}). Close it at the end of the test class.
 */
public final class StoreFixture implements AutoCloseable {
    final EmbeddedRedis redis;
    public final Vertx vertx;
    final HelplineConfig config;
    public final RedisConnections connections;
    final RedisBridge bridge;
    final ChatStartStore starts;
    public final ConversationStore conversations;
    final CounsellorStore counsellors;
    final QueueStore queue;
    final SessionStore sessions;
    final VisitorStore visitors;
    public final EventChannels events;

    /** {@code sessionIdle}: how long a staff session lasts unused. */
    public StoreFixture(Duration sessionIdle) {
        this(sessionIdle, TestConfig.withCounsellors());
    }

    /** With the Redis settings of {@code config} (its counsellors are not the stores' business). */
    StoreFixture(Duration sessionIdle, HelplineConfig config) {
        redis = TestRedis.start();
        // as a node runs it: Netty's epoll transport and one event loop
        vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1)).build();
        this.config = config;
        connections = RedisConnections.open(redis.url(), config.redis());
        bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        var commands = connections.lanes().shared();
        Scripts scripts = new Scripts(connections.lanes(), bridge);
        starts = new ChatStartStore(scripts, Clock.systemUTC(), config.routing(),
                new TranscriptCipher(DataKeys.none()));
        conversations = new ConversationStore(connections.lanes(), bridge, scripts, Clock.systemUTC(),
                Duration.ofSeconds(60), config.console().wrapUp(), config.limits(),
                new TranscriptCipher(DataKeys.none()),
                new StatisticsCounters(Duration.ofSeconds(60), Duration.ofDays(400), ServiceCalendar.UTC));
        counsellors = new CounsellorStore(commands, bridge, scripts, Clock.systemUTC(), config::counsellor);
        queue = new QueueStore(commands, bridge, scripts, Clock.systemUTC(), config.routing(),
                new TranscriptCipher(DataKeys.none()));
        sessions = new SessionStore(scripts, Clock.systemUTC(),
                new SessionSettings(sessionIdle, Duration.ofSeconds(30), 10_000), config::counsellor);
        visitors = new VisitorStore(scripts, Clock.systemUTC(), Duration.ofMinutes(5), config.limits(), "node-1");
        events = new EventChannels(vertx, connections.pubSub(), bridge);
    }

    static <T> T await(Future<T> future) {
        return Waits.await(future, 10);
    }

    /** A counsellor of the test configuration, available with one live console. */
    Counsellor online(String id, int capacity) {
        Counsellor counsellor = TestConfig.counsellor(id, capacity);
        await(counsellors.setAvailability(counsellor, Availability.AVAILABLE));
        await(counsellors.consoleAlive(id, "socket-" + id, Duration.ofSeconds(30)));
        return counsellor;
    }

    /**
     * Starts the conversation {@code id} as a visitor's start does, with a random client key of its own (never refused
     * nor grouped), and a resume code derived from the id.
     */
    public void start(String id, Triage triage) {
        ChatStart start = new ChatStart(id, triage, Optional.empty(), Digests.sha256(id),
                new ClientKey(Secrets.random(16), LocalDate.now(ZoneOffset.UTC)), Integer.MAX_VALUE,
                Integer.MAX_VALUE);
        StartOutcome outcome = await(starts.start(start, "code-" + id));
        if (!(outcome instanceof StartOutcome.Started)) {
            throw new IllegalStateException(id + " not started: " + outcome);
        }
    }

    public static Triage triage(boolean danger) {
        return new Triage(Optional.of(Role.VICTIM), Optional.of("fr"), Optional.of("59"), Optional.of("physical"),
                true, danger);
    }

    @Override
    public void close() throws Exception {
        connections.closeAsync().get(10, TimeUnit.SECONDS);
        Waits.await(vertx.close(), 10);
        redis.close();
    }
}
