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
 * were busy (Linux's {@code /proc/stat}, read every second: every process of the machine, the run's and any other),
 * which tells a second the machine could not serve from one it could. The report gives them beside the
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
        volatile String busyCores = "-";
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
                marks.busyCores);
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

    /**
     * Reads {@code /proc/stat} a second after the last reading ended, and books the busy cores between two readings to
     * the second that holds most of them; a gap over one and a half seconds cannot be placed, and is left out.
     */
    private void watchMachine() {
        if (!Files.isReadable(MACHINE_CPU)) {
            return; // not Linux: the column stays empty
        }
        MachineTicks[] before = new MachineTicks[1];
        long[] readBefore = new long[1];
        readers.scheduleWithFixedDelay(() -> {
            long readAt = System.currentTimeMillis();
            Optional<MachineTicks> now;
            try {
                now = MachineTicks.of(Files.readString(MACHINE_CPU));
            } catch (IOException | RuntimeException failed) {
                LOG.debug("/proc/stat could not be read", failed);
                return;
            }
            now.ifPresent(ticks -> {
                boolean placeable = readAt - readBefore[0] <= SERVER_EVERY_MILLIS * 3 / 2;
                if (before[0] != null && placeable) {
                    ticks.busyCoresSince(before[0]).ifPresent(busy -> at(readAt - SERVER_EVERY_MILLIS / 2).busyCores =
                            String.format(Locale.ROOT, "%.2f of %d", busy, ticks.cores()));
                }
                before[0] = ticks;
                readBefore[0] = readAt;
            });
        }, 0, SERVER_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * What {@code /proc/stat} says of the machine's cores since boot: the ticks busy or stolen by the host (neither
     * idle nor waiting for a disk: a core the host gave to another guest was not there to serve the run either), all
     * the ticks, and how many cores there are (its {@code cpuN} lines: all of the machine's, whatever this JVM may
     * use).
     */
    record MachineTicks(long busy, long all, int cores) {
        /** Of a {@code /proc/stat} text: its first line's user, nice, system, idle, iowait, irq, softirq and steal. */
        static Optional<MachineTicks> of(String procStat) {
            List<String> lines = procStat.lines().toList();
            String[] fields = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
            if (fields.length < 9 || !"cpu".equals(fields[0])) {
                return Optional.empty();
            }
            long all = 0;
            long[] ticks = new long[8]; // guest and guest_nice, after them, are counted in user and nice already
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(fields[i + 1]);
                all += ticks[i];
            }
            int cores = (int) lines.stream().filter(line -> line.matches("cpu\\d+\\s.*")).count();
            return Optional.of(new MachineTicks(all - ticks[3] - ticks[4], all, cores));
        }

        /** The cores busy on average since {@code earlier}, if any tick went by. */
        Optional<Double> busyCoresSince(MachineTicks earlier) {
            return all > earlier.all ? Optional.of(cores * (double) (busy - earlier.busy) / (all - earlier.all))
                    : Optional.empty();
        }
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
