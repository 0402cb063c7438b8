package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    /** Longer than the command timeout, well under Vert.x's blocked-thread warning (2 s). */
    private static final long BUSY_MILLIS = 1200;

    private static EmbeddedRedis redis;
    private static Vertx vertx;
    private static RedisConnections connections;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1)).build();
        connections = RedisConnections.open(redis.url(),
                new RedisSettings(Optional.empty(), COMMAND_TIMEOUT, 1000, redis.dataDirectory()));
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        connections.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void aReplyIsNotLostToTheTimeoutWhileTheLoopIsBusy() {
        RedisBridge bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        Promise<String> answered = Promise.promise();
        vertx.runOnContext(go -> {
            Future<String> pong = bridge.toFuture(connections.commands().async().ping());
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUSY_MILLIS);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // the loop's burst of work: the reply arrives meanwhile
            }
            pong.onComplete(answered);
        });
        assertEquals("PONG", Waits.await(answered.future(), 10));
    }
}
