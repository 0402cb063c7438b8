package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.helpline.support.CapturedLogs;
import org.helpline.support.TestConfig;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;

/** The node's pub/sub listeners when the node closes: Vert.x goes first, the Redis connections after it. */
class EventChannelsIT {
    /**
     * An event published after Vert.x has closed, before the pub/sub connection has (a node on its way out, its
     * sockets' departures still being written), finds no context to run on: it is dropped without an error.
     */
    @Test
    void anEventArrivingAfterVertxClosedIsDroppedWithoutAnError() throws Exception {
        try (EmbeddedRedis redis = TestRedis.start(); CapturedLogs logs = new CapturedLogs()) {
            Vertx vertx = Vertx.vertx();
            RedisConnections connections = RedisConnections.open(redis.url(), TestConfig.withCounsellors().redis());
            EventChannels events = new EventChannels(vertx, connections.pubSub(),
                    new RedisBridge(vertx, new SimpleMeterRegistry()));
            Waits.await(events.subscribe("hl:test:events", event -> { }, () -> { }), 10);
            CompletableFuture<String> heard = new CompletableFuture<>();
            connections.pubSub().addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.complete(message); // after the node's own listener: Lettuce calls them in order
                }
            });
            Waits.await(vertx.close(), 10);
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> publisher = client.connect()) {
                publisher.sync().publish("hl:test:events", "after the close");
            } finally {
                client.shutdown();
            }
            assertEquals("after the close", heard.get(10, TimeUnit.SECONDS));
            connections.closeAsync().get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), logs.errors());
        }
    }
}
