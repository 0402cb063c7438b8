package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.helpline.auth.Digests;
import org.helpline.auth.Secrets;
import org.helpline.config.DataKeys;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Triage;
import org.helpline.support.TestConfig;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's copy of the queue follows every script that changes the queue (arrival, danger, a visitor away and back,
 * an end) and ranks exactly as Redis does; a copy started later reads the queue whole.
 */
class QueueMirrorIT {
    private static EmbeddedRedis redis;
    private static RedisConnections connections;
    private static Vertx vertx;
    private static Context context;
    private static ConversationStore conversations;
    private static VisitorStore visitors;
    private static EventChannels events;
    private static RedisBridge bridge;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        HelplineConfig config = TestConfig.withCounsellors();
        connections = RedisConnections.open(redis.url(), config.redis());
        bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        var commands = connections.commands().async();
        Scripts scripts = new Scripts(commands, bridge);
        conversations = new ConversationStore(commands, bridge, scripts, Clock.systemUTC(), Duration.ofSeconds(60),
                config.routing(), config.limits(), new TranscriptCipher(DataKeys.none()));
        visitors = new VisitorStore(scripts, Clock.systemUTC(), Duration.ofMinutes(5), config.limits());
        events = new EventChannels(vertx, connections.pubSub(), bridge);
    }

    @AfterAll
    static void stop() throws Exception {
        connections.closeAsync().get(10, TimeUnit.SECONDS);
        Waits.await(vertx.close(), 10);
        redis.close();
    }

    /** Runs on the mirror's one context, as the node does. */
    private static <T> T onContext(Supplier<T> action) {
        Promise<T> done = Promise.promise();
        context.runOnContext(ignored -> done.complete(action.get()));
        return Waits.await(done.future(), 10);
    }

    private static <T> T await(Future<T> future) {
        return Waits.await(future, 10);
    }

    private static String create(boolean danger) {
        String id = Secrets.random(16);
        Triage triage = new Triage(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                danger);
        await(conversations.create(id, triage, Digests.sha256(id), Digests.sha256("code" + id)));
        return id;
    }

    private static Map<String, Long> ranksInRedis(Set<String> ids) {
        Map<String, Long> ranks = new HashMap<>();
        List<String> order = connections.commands().sync().zrange(Keys.QUEUE, 0, -1);
        for (int i = 0; i < order.size(); i++) {
            if (ids.contains(order.get(i))) {
                ranks.put(order.get(i), (long) i);
            }
        }
        return ranks;
    }

    private static void assertSameRanks(QueueMirror mirror, Set<String> ids) {
        Waits.untilPasses(() -> assertEquals(ranksInRedis(ids), onContext(() -> mirror.ranks(ids))), 10);
    }

    @Test
    void followsEveryChangeOfTheQueue() {
        QueueMirror mirror = new QueueMirror(connections.commands().async(), bridge, events);
        await(onContext(mirror::start));
        assertNull(onContext(mirror::takeChanged), "everything is new after the whole queue was read");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create(false));
        }
        Set<String> all = new HashSet<>(ids);
        assertSameRanks(mirror, all);
        assertEquals(all, onContext(mirror::takeChanged), "each arrival is a change");

        String danger = ids.get(4);
        await(conversations.raiseToDanger(danger));
        assertSameRanks(mirror, all);
        assertEquals(0L, onContext(() -> mirror.ranks(Set.of(danger))).get(danger), "danger goes first");

        String away = ids.get(1);
        await(visitors.attach(away, "socket-a", false));
        await(visitors.away(away, "socket-a", AwayReason.QUICK_EXIT));
        assertSameRanks(mirror, all);
        assertNull(onContext(() -> mirror.ranks(Set.of(away))).get(away), "a visitor away is in nobody's count");

        await(conversations.endByVisitor(ids.get(2)));
        assertSameRanks(mirror, all);

        await(visitors.attach(away, "socket-b", false));
        assertSameRanks(mirror, all);
        assertEquals(Set.of(danger, away, ids.get(2)), onContext(mirror::takeChanged).stream()
                .filter(all::contains).collect(Collectors.toSet()));

        QueueMirror later = new QueueMirror(connections.commands().async(), bridge, events);
        await(onContext(later::start));
        assertEquals(ranksInRedis(all), onContext(() -> later.ranks(all)), "a later copy reads the queue whole");
        onContext(() -> {
            mirror.stop();
            later.stop();
            return null;
        });
    }
}
