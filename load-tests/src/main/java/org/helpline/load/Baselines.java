package org.helpline.load;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the machine can do without the helpline: the {@link BareRelay} (its own process) driven at the same rate as the
 * steady scenario, and raw Redis throughput (pipelined SETs through Lettuce).
 */
final class Baselines {
    private Baselines() {
    }

    /** Drives the relay like the steady scenario: {@code pairs} pairs, each side writing every {@code every}. */
    static Future<Latency> driveRelay(int port, int pairs, Duration every, Duration duration) {
        Latency latency = new Latency("bare relay (no Redis, its own process), one way");
        LoadClient client = new LoadClient("http://localhost:" + port);
        List<Future<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            for (String side : new String[]{"a", "b"}) {
                sockets.add(client.connect("/relay/" + i + "/" + side).onSuccess(socket -> {
                    socket.textMessageHandler(text -> latency.record(System.nanoTime()
                            - new JsonObject(text).getLong("at")));
                    client.periodic(every, timer -> LoadClient.send(socket,
                            new JsonObject().put("type", "send").put("at", System.nanoTime())
                                    .put("text", "baseline message of a similar size")));
                }));
            }
        }
        return Future.all(sockets).compose(all -> Scenarios.sleep(client, duration))
                .eventually(client::close).map(latency);
    }

    /** Pipelined SETs per second against this Redis. */
    static Future<Double> redisSetsPerSecond(String url, int operations) {
        RedisClient redis = RedisClient.create(url);
        return Future.fromCompletionStage(redis.connectAsync(StringCodec.UTF8, RedisURI.create(url)))
                .compose(connection -> setAll(connection, operations)
                        .eventually(() -> Future.fromCompletionStage(connection.closeAsync())))
                .eventually(() -> Future.fromCompletionStage(redis.shutdownAsync()));
    }

    private static Future<Double> setAll(StatefulRedisConnection<String, String> connection, int operations) {
        long start = System.nanoTime();
        List<RedisFuture<String>> sets = new ArrayList<>(operations);
        for (int i = 0; i < operations; i++) {
            sets.add(connection.async().set("load:baseline:" + (i % 1000), "x".repeat(100)));
        }
        CompletableFuture<?>[] all = sets.stream().map(RedisFuture::toCompletableFuture)
                .toArray(CompletableFuture[]::new);
        return Future.fromCompletionStage(CompletableFuture.allOf(all))
                .map(done -> operations / ((System.nanoTime() - start) / 1e9));
    }
}
