package org.helpline.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What else went on in each wall-clock second of a run that stalls what the run measures when the server, Redis and
 * the generator share a small machine: Redis rewriting its append-only file or saving a snapshot (a forked child that
 * takes a core while Redis's pages are copied on write; {@code INFO persistence} read every 250 ms), and the
 * stop-the-world pauses of the generator's own collector (JMX notifications) and of the server's
 * ({@code jvm_gc_pause_seconds_sum} of its {@code /metrics}, read every second); and how many of the machine's cores
 * were busy (Linux's {@code /proc/stat}, read every second: every process of the machine, the three of a run and any
 * other), which tells a second the machine could not serve from one it could. The report gives them beside the
 * slowest seconds. Read on two threads of their own, so that watching does not delay the generator's event loop.
 * Its cost: an {@code INFO persistence} four times a second (left out of the report's command counts with the other
 * {@code INFO} reads, see {@link ServerProbe}), a scrape of the server's metrics and a read of a file a second.
 */
final class StallSources implements AutoCloseable {
    static final String HEADER = " Redis rewriting or saving | generator GC pauses (ms) | server GC pauses (ms) |"
            + " machine's cores busy |";
    static final String RULE = "---|---|---|---|";
    private static final Path MACHINE_CPU = Path.of("/proc/stat");
    private static final Logger LOG = LoggerFactory.getLogger(StallSources.class);
    private static final long REDIS_EVERY_MILLIS = 250;
    private static final long SERVER_EVERY_MILLIS = 1000;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private final Map<Long, Marks> bySecond = new ConcurrentHashMap<>();
    /** Two threads: a slow Redis must not hold back the readings of the server, nor the other way round. */
    private final ScheduledExecutorService readers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "stall-sources");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Runnable> undo = new ArrayList<>();
    private volatile double serverPausesBefore = -1;
    private volatile long serverReadBefore;

    /** What was seen in one second. */
    private static final class Marks {
        volatile boolean rewriting;
        final DoubleAdder generatorPauseMillis = new DoubleAdder();
        final DoubleAdder serverPauseMillis = new DoubleAdder();
        volatile double busyCores = -1;
    }

    private StallSources() {
    }

    /** Starts watching: Redis if the target gives its URL, the server's metrics at its URL, this JVM's collector. */
    static StallSources watch(Target target) {
        StallSources sources = new StallSources();
        try {
            target.redisUrl().ifPresent(sources::watchRedis);
            sources.watchServer(URI.create(target.url()).resolve("/metrics"));
            sources.watchMachine();
            sources.watchGeneratorCollector();
            return sources;
        } catch (RuntimeException failed) {
            sources.close();
            throw failed;
        }
    }

    /** The four cells of {@link #HEADER} for the second {@code epochSecond}, each "-" when nothing was seen. */
    String cells(long epochSecond) {
        Marks marks = bySecond.get(epochSecond);
        if (marks == null) {
            return " - | - | - | - |";
        }
        return String.format(Locale.ROOT, " %s | %s | %s | %s |", marks.rewriting ? "yes" : "-",
                millis(marks.generatorPauseMillis.sum()), millis(marks.serverPauseMillis.sum()),
                marks.busyCores < 0 ? "-" : String.format(Locale.ROOT, "%.2f of %d", marks.busyCores, CORES));
    }

    private static String millis(double value) {
        return value > 0 ? String.format(Locale.ROOT, "%.0f", value) : "-";
    }

    private Marks at(long epochMillis) {
        return bySecond.computeIfAbsent(epochMillis / 1000, second -> new Marks());
    }

    private void watchGeneratorCollector() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        NotificationListener listener = (Notification notification, Object handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                    .from((CompositeData) notification.getUserData());
            at(jvmStart + info.getGcInfo().getStartTime()).generatorPauseMillis.add(info.getGcInfo().getDuration());
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            // every bean's collections pause the application: G1's young and full ones, and from Java 20 on its
            // Remark and Cleanup pauses ("G1 Concurrent GC"); Java 17 does not report those two
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                undo.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException gone) {
                        // nothing to undo
                    }
                });
            }
        }
    }

    private void watchRedis(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofMillis(REDIS_EVERY_MILLIS * 2));
        RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RuntimeException unreachable) {
            LOG.warn("Redis not reachable from the generator: its rewrites are not watched ({})",
                    unreachable.getMessage());
            client.shutdown();
            return;
        }
        undo.add(() -> {
            connection.close();
            client.shutdown();
        });
        double[] childrenBefore = {-1};
        readers.scheduleAtFixedRate(() -> {
            try {
                String persistence = connection.sync().info("persistence");
                double children = ReadingText.info(persistence, "aof_rewrites")
                        + ReadingText.info(persistence, "rdb_saves");
                // a child too short to be seen in progress still counts once it is done
                boolean inProgress = ReadingText.info(persistence, "aof_rewrite_in_progress")
                        + ReadingText.info(persistence, "rdb_bgsave_in_progress") > 0;
                if (inProgress || childrenBefore[0] >= 0 && children > childrenBefore[0]) {
                    at(System.currentTimeMillis()).rewriting = true;
                }
                childrenBefore[0] = children;
            } catch (RuntimeException failed) {
                LOG.debug("INFO persistence failed", failed);
            }
        }, 0, REDIS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void watchServer(URI metrics) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build();
        readers.scheduleAtFixedRate(() -> {
            long readAt = System.currentTimeMillis();
            Optional<Double> pauses;
            try {
                pauses = serverPauseSeconds(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (Exception failed) {
                LOG.debug("the server's metrics could not be read", failed);
                return;
            }
            pauses.ifPresent(seconds -> {
                // paused within the second before this reading: booked to the second that holds most of it; growth
                // over a longer gap (a reading failed or came late) cannot be placed, and is left out
                boolean placeable = readAt - serverReadBefore <= SERVER_EVERY_MILLIS * 3 / 2;
                if (serverPausesBefore >= 0 && seconds > serverPausesBefore && placeable) {
                    at(readAt - SERVER_EVERY_MILLIS / 2).serverPauseMillis.add((seconds - serverPausesBefore) * 1000);
                }
                serverPausesBefore = seconds;
                serverReadBefore = readAt;
            });
        }, 0, SERVER_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void watchMachine() {
        if (!Files.isReadable(MACHINE_CPU)) {
            return; // not Linux: the column stays empty
        }
        long[] before = {-1, -1};
        readers.scheduleAtFixedRate(() -> {
            long readAt = System.currentTimeMillis();
            Optional<long[]> now;
            try {
                now = busyAndAll(Files.readString(MACHINE_CPU));
            } catch (IOException failed) {
                LOG.debug("/proc/stat could not be read", failed);
                return;
            }
            now.ifPresent(ticks -> {
                if (before[1] >= 0 && ticks[1] > before[1]) {
                    at(readAt - SERVER_EVERY_MILLIS / 2).busyCores = CORES * (double) (ticks[0] - before[0])
                            / (ticks[1] - before[1]);
                }
                before[0] = ticks[0];
                before[1] = ticks[1];
            });
        }, 0, SERVER_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Of {@code /proc/stat}'s first line (all cores since boot: user, nice, system, idle, iowait, irq, softirq, steal,
     * then guest time, already counted in user), the ticks busy (neither idle, waiting for a disk, nor stolen by the
     * host) and all of them.
     */
    static Optional<long[]> busyAndAll(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] fields = first.trim().split("\\s+");
        if (fields.length < 9 || !"cpu".equals(fields[0])) {
            return Optional.empty();
        }
        long all = 0;
        long[] ticks = new long[8];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
            all += ticks[i];
        }
        long idle = ticks[3] + ticks[4] + ticks[7];
        return Optional.of(new long[]{all - idle, all});
    }

    /** The sum of every {@code jvm_gc_pause_seconds_sum} series of a Prometheus text, if there is one. */
    static Optional<Double> serverPauseSeconds(String prometheusText) {
        return ReadingText.metric(prometheusText, "jvm_gc_pause_seconds_sum");
    }

    @Override
    public void close() {
        readers.shutdownNow();
        try {
            readers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        undo.forEach(Runnable::run);
    }
}
