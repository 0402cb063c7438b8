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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the machine can do without the helpline: the {@link BareRelay} (its own process) driven at the same rate as the
 * steady scenario, and raw Redis throughput (pipelined SETs through Lettuce).
 */
final class Baselines {
    private Baselines() {
    }

    /**
     * Drives the relay at {@code port} (its process {@code relay}) like the steady scenario: {@code pairs} pairs, each
     * side writing every {@code every}, from its own random point of the first period, each message timed from when
     * it was due ({@link SendTime}), and parsing every frame it gets. Measured over a window ({@link RelayWindow})
     * that opens {@code warmUp} after every pair connected and lasts {@code duration}, its CPU read before any socket
     * closes, as in the steady scenario's message phase: the handshakes, the relay JVM's first seconds of compiling
     * and the closes are outside it.
     */
    static Future<RelayRun> driveRelay(int port, ProcessHandle relay, int pairs, Duration every, Duration warmUp,
                                       Duration duration) {
        Latency latency = new Latency("bare relay (no Redis, its own process), one way");
        RelayWindow window = new RelayWindow();
        LoadClient client = new LoadClient("http://localhost:" + port);
        List<Future<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            for (String side : new String[]{"a", "b"}) {
                String from = "a".equals(side) ? "visitor" : "counsellor";
                String tag = side + i + "-";
                sockets.add(client.connect("/relay/" + i + "/" + side).onSuccess(socket -> {
                    socket.textMessageHandler(text -> {
                        JsonObject frame = new JsonObject(text); // every frame parsed, as steady's sockets do
                        if ("message".equals(frame.getString("type")) && !from.equals(frame.getString("from"))) {
                            SendTime.of(frame.getString("text", "")).ifPresent(time -> window.delivered(
                                    time.dueNanos(), System.nanoTime(), latency));
                        }
                    });
                    AtomicLong sent = new AtomicLong();
                    client.periodic(every, (timer, due) -> LoadClient.send(socket, new JsonObject()
                            .put("type", "send").put("clientId", tag + sent.incrementAndGet())
                            .put("text", new SendTime(due, System.nanoTime()).text())));
                }));
            }
        }
        double[] before = new double[2];
        return Future.all(sockets).compose(all -> Scenarios.sleep(client, warmUp))
                .compose(warm -> {
                    before[0] = ServerProbe.processCpuSeconds(Optional.of(relay));
                    before[1] = ServerProbe.processCpuSeconds(Optional.of(ProcessHandle.current()));
                    window.open(System.nanoTime());
                    return Scenarios.sleep(client, duration);
                })
                .map(ran -> {
                    window.close(System.nanoTime());
                    return new RelayRun(latency, pairs, warmUp, window.seconds(), window.relayed(),
                            spentSince(relay, before[0]), spentSince(ProcessHandle.current(), before[1]));
                })
                .eventually(client::close);
    }

    /** The CPU seconds {@code process} spent since it had spent {@code before}; -1 when either is unknown. */
    private static double spentSince(ProcessHandle process, double before) {
        double now = ServerProbe.processCpuSeconds(Optional.of(process));
        return now < 0 || before < 0 ? -1 : now - before;
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
