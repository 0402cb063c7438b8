package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.helpline.config.RedisSettings;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's event loop kept busy longer than the Redis command timeout (a burst of visitors opening sockets) must not
 * make the commands it sent before fail: their replies are read by Lettuce's own threads, not left unread behind the
 * loop's work until the timeout fires. With Redis's sockets on the node's one loop, 9,252 of 15,000 visitors arriving
 * at once were answered `unavailable` (docs/performance.md, "A burst of visitors and the node on one thread").
 */
class BusyEventLoopIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    /** Longer than the command timeout; this test's Vert.x warns of a blocked loop only past 10 s. */
    private static final long BUSY_MILLIS = 1200;

    private static EmbeddedRedis redis;
    private static Vertx vertx;
    private static RedisConnections connections;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1)
                .setMaxEventLoopExecuteTime(10).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)).build();
        connections = RedisConnections.open(redis.url(),
                new RedisSettings(Optional.of(redis.url()), COMMAND_TIMEOUT, 1000, 1, redis.dataDirectory()));
    }

    @AfterAll
    static void close() throws Exception {
        try {
            Waits.await(vertx.close(), 10);
            connections.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            redis.close();
        }
    }

    @Test
    void aReplyIsNotLostToTheTimeoutWhileTheLoopIsBusy() {
        RedisBridge bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        Promise<String> answered = Promise.promise();
        AtomicBoolean readWhileBusy = new AtomicBoolean();
        vertx.runOnContext(go -> {
            CompletionStage<String> reply = connections.commands().async().ping();
            Future<String> pong = bridge.toFuture(reply);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUSY_MILLIS);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // the loop's burst of work: the reply arrives meanwhile
            }
            readWhileBusy.set(reply.toCompletableFuture().isDone());
            pong.onComplete(answered);
        });
        assertEquals("PONG", Waits.await(answered.future(), 10));
        assertTrue(readWhileBusy.get(), "the reply was read while the loop was busy, not after");
    }
}
