package org.helpline.load;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the server and Redis spent during a run: heap and CPU sampled from the server's {@code /metrics}, and Redis
 * commands counted from {@code INFO commandstats} before and after.
 */
final class ServerProbe {
    private final LoadClient client;
    private final Optional<String> redisUrl;
    private final List<Double> heap = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();
    private long timer = -1;

    ServerProbe(LoadClient client, Optional<String> redisUrl) {
        this.client = client;
        this.redisUrl = redisUrl;
    }

    void start() {
        timer = client.vertx.setPeriodic(2000, id -> sample());
    }

    void stop() {
        client.vertx.cancelTimer(timer);
    }

    private void sample() {
        client.get("/metrics").onSuccess(text -> {
            double used = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("process_cpu_usage ")) {
                    synchronized (cpu) {
                        cpu.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                    }
                }
            }
            synchronized (heap) {
                heap.add(used);
            }
        });
    }

    double maxHeapMegabytes() {
        synchronized (heap) {
            return heap.stream().mapToDouble(Double::doubleValue).max().orElse(0) / (1024 * 1024);
        }
    }

    double meanCpu() {
        synchronized (cpu) {
            return cpu.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    /** Redis round trips the server has made so far (its {@code helpline_redis_calls_total}). */
    Future<Double> redisRoundTrips() {
        return client.get("/metrics").map(text -> {
            for (String line : text.split("\n")) {
                if (line.startsWith("helpline_redis_calls_total ")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return -1.0;
        });
    }

    /** Total Redis commands executed so far, or -1 when Redis is not reachable from here. */
    Future<Long> redisCommands() {
        if (redisUrl.isEmpty()) {
            return Future.succeededFuture(-1L);
        }
        RedisClient redis = RedisClient.create(redisUrl.get());
        return Future.fromCompletionStage(redis.connectAsync(StringCodec.UTF8, RedisURI.create(redisUrl.get())))
                .compose(connection -> Future.fromCompletionStage(connection.async().info("commandstats"))
                        .eventually(() -> Future.fromCompletionStage(connection.closeAsync())))
                .map(ServerProbe::totalCalls)
                .eventually(() -> Future.fromCompletionStage(redis.shutdownAsync()));
    }

    private static long totalCalls(String commandstats) {
        long calls = 0;
        for (String line : commandstats.split("\r?\n")) {
            int at = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && at > 0) {
                calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
            }
        }
        return calls;
    }
}
