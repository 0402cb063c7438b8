package org.helpline.load;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server and Redis spent during a run: heap and CPU share sampled from the server's {@code /metrics}; and,
 * read before and after a phase, the server process's CPU time (from {@code /proc/<pid>/stat}, through
 * {@link ProcessHandle}) and the generator's own (the three share the machine), Redis's CPU time ({@code INFO cpu}),
 * its own and apart that of the children it forks to rewrite its append-only file or save a snapshot, the commands
 * Redis executed ({@code INFO commandstats}) and the server's Redis round trips ({@code helpline_redis_calls_total}).
 */
final class ServerProbe {
    private final LoadClient client;
    private final Target target;
    private final List<Double> heap = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();
    private long timer = -1;

    ServerProbe(LoadClient client, Target target) {
        this.client = client;
        this.target = target;
    }

    /**
     * What was spent up to a moment ({@code seconds} on the generator's monotonic clock), or between two readings
     * ({@link #since}: {@code seconds} is then the time between them); a figure this run cannot read is negative.
     * {@code redisCpuSeconds} is Redis's own process; {@code redisChildCpuSeconds} its forked children's (an AOF
     * rewrite, an RDB save), which Redis adds when it reaps a child, so a child is counted whole in the window it ends
     * in; {@code redisChildRunning}: one was running at the reading (between two: at either of them).
     */
    record Reading(double seconds, double serverCpuSeconds, double redisCpuSeconds, double redisChildCpuSeconds,
                   boolean redisChildRunning, double generatorCpuSeconds, long redisCommands, double redisRoundTrips,
                   Map<String, Long> callsByCommand) {
        static final Reading NONE = new Reading(-1, -1, -1, -1, false, -1, -1, -1, Map.of());

        Reading since(Reading before) {
            Map<String, Long> calls = new HashMap<>(callsByCommand);
            before.callsByCommand.forEach((command, earlier) -> calls.merge(command, -earlier, Long::sum));
            calls.values().removeIf(count -> count <= 0);
            return new Reading(difference(seconds, before.seconds),
                    difference(serverCpuSeconds, before.serverCpuSeconds),
                    difference(redisCpuSeconds, before.redisCpuSeconds),
                    difference(redisChildCpuSeconds, before.redisChildCpuSeconds),
                    redisChildRunning || before.redisChildRunning,
                    difference(generatorCpuSeconds, before.generatorCpuSeconds),
                    (long) difference(redisCommands, before.redisCommands),
                    difference(redisRoundTrips, before.redisRoundTrips), Map.copyOf(calls));
        }

        private static double difference(double after, double before) {
            return after < 0 || before < 0 ? -1 : after - before;
        }
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

    /** Everything spent so far. */
    Future<Reading> read() {
        double serverCpu = processCpuSeconds(target.server());
        double generatorCpu = processCpuSeconds(Optional.of(ProcessHandle.current()));
        return Future.all(redis(), roundTrips()).map(both -> {
            RedisSpent redis = both.resultAt(0);
            long commands = redis.calls().isEmpty() ? -1
                    : redis.calls().values().stream().mapToLong(Long::longValue).sum();
            return new Reading(System.nanoTime() / 1e9, serverCpu, redis.cpuSeconds(), redis.childCpuSeconds(),
                    redis.childRunning(), generatorCpu, commands, both.<Double>resultAt(1), redis.calls());
        });
    }

    /** A process's CPU seconds so far, -1 when unknown. */
    static double processCpuSeconds(Optional<ProcessHandle> process) {
        return process.flatMap(handle -> handle.info().totalCpuDuration()).map(spent -> spent.toNanos() / 1e9)
                .orElse(-1.0);
    }

    /** Redis round trips the server has made so far (its {@code helpline_redis_calls_total}). */
    private Future<Double> roundTrips() {
        return client.get("/metrics").map(text -> ReadingText.metric(text, "helpline_redis_calls_total").orElse(-1.0))
                .otherwise(-1.0);
    }

    /**
     * Redis's CPU seconds (user and system, -1 when unknown), its forked children's (-1 when unknown), whether one is
     * running now, and its calls so far by command (none when unknown).
     */
    private record RedisSpent(double cpuSeconds, double childCpuSeconds, boolean childRunning,
                              Map<String, Long> calls) {
    }

    private Future<RedisSpent> redis() {
        if (target.redisUrl().isEmpty()) {
            return Future.succeededFuture(new RedisSpent(-1, -1, false, Map.of()));
        }
        String url = target.redisUrl().get();
        RedisClient redis = RedisClient.create(url);
        return Future.fromCompletionStage(redis.connectAsync(StringCodec.UTF8, RedisURI.create(url)))
                .compose(connection -> {
                    RedisAsyncCommands<String, String> commands = connection.async();
                    return Future.all(Future.fromCompletionStage(commands.info("cpu")),
                                    Future.fromCompletionStage(commands.info("commandstats")),
                                    Future.fromCompletionStage(commands.info("persistence")))
                            .map(info -> new RedisSpent(cpuSeconds(info.resultAt(0)), childCpuSeconds(info.resultAt(0)),
                                    childRunning(info.resultAt(2)), calls(info.resultAt(1))))
                            .eventually(() -> Future.fromCompletionStage(connection.closeAsync()));
                })
                .eventually(() -> Future.fromCompletionStage(redis.shutdownAsync()));
    }

    /** Redis's own CPU seconds in an {@code INFO cpu} text: its main process, user and system. */
    static double cpuSeconds(String cpu) {
        return ReadingText.info(cpu, "used_cpu_sys") + ReadingText.info(cpu, "used_cpu_user");
    }

    /**
     * The CPU seconds of the children Redis forked and reaped (an AOF rewrite, an RDB save), user and system, in an
     * {@code INFO cpu} text: not in {@link #cpuSeconds}, though a rewrite's child takes a core while it runs.
     */
    static double childCpuSeconds(String cpu) {
        return ReadingText.info(cpu, "used_cpu_sys_children") + ReadingText.info(cpu, "used_cpu_user_children");
    }

    /** Whether an {@code INFO persistence} text says a child is rewriting the append-only file or saving now. */
    static boolean childRunning(String persistence) {
        return ReadingText.info(persistence, "aof_rewrite_in_progress")
                + ReadingText.info(persistence, "rdb_bgsave_in_progress") > 0;
    }

    /**
     * {@code cmdstat_<command>:calls=N,...} lines: calls by command (subcommands as {@code config|get}), but for
     * {@code INFO}: the generator's own reads of Redis (here and in {@link StallSources}), not the server's work.
     */
    private static Map<String, Long> calls(String commandstats) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : commandstats.split("\r?\n")) {
            int at = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && at > 0 && !line.startsWith("cmdstat_info:")) {
                calls.put(line.substring("cmdstat_".length(), line.indexOf(':')),
                        Long.parseLong(line.substring(at + 6, line.indexOf(',', at))));
            }
        }
        return Map.copyOf(calls);
    }
}
