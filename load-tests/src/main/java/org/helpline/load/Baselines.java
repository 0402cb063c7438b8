package org.helpline.load;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the machine can do without the helpline: a bare Vert.x WebSocket relay (pairs of sockets, each text frame
 * forwarded to the other; no Redis, no storage, no routing) driven at the same rate as the steady scenario, and raw
 * Redis throughput (pipelined SETs through Lettuce).
 */
final class Baselines {
    private Baselines() {
    }

    /** The bare relay, on its own Vert.x: close it when done. */
    record Relay(Vertx vertx, int port) {
        Future<Void> close() {
            return vertx.close();
        }
    }

    /** Starts the bare relay: each socket {@code /relay/<pair>/<a|b>} gets the other side's text frames. */
    static Future<Relay> startRelay() {
        Vertx relayVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Map<String, ServerWebSocket[]> pairsById = new ConcurrentHashMap<>();
        return relayVertx.createHttpServer().webSocketHandler(socket -> {
            String[] parts = socket.path().split("/");
            ServerWebSocket[] pair = pairsById.computeIfAbsent(parts[2], key -> new ServerWebSocket[2]);
            int side = "a".equals(parts[3]) ? 0 : 1;
            pair[side] = socket;
            socket.textMessageHandler(text -> {
                ServerWebSocket other = pair[1 - side];
                if (other != null) {
                    other.writeTextMessage(text);
                }
            });
        }).listen(0).map(server -> new Relay(relayVertx, server.actualPort()));
    }

    /** Drives the relay like the steady scenario: {@code pairs} pairs, each side writing every {@code every}. */
    static Future<Latency> driveRelay(Relay relay, int pairs, Duration every, Duration duration) {
        Latency latency = new Latency("bare relay (no Redis), one way");
        LoadClient client = new LoadClient("http://localhost:" + relay.port());
        List<Future<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            for (String side : new String[]{"a", "b"}) {
                sockets.add(client.connect("/relay/" + i + "/" + side).onSuccess(socket -> {
                    socket.textMessageHandler(text -> latency.record(System.nanoTime()
                            - new JsonObject(text).getLong("at")));
                    client.vertx.setPeriodic(every.toMillis(), timer -> LoadClient.send(socket,
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
