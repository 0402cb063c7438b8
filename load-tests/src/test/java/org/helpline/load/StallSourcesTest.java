package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.helpline.store.EmbeddedRedis;
import org.junit.jupiter.api.Test;

/**
 * What may stall a run's seconds: a real Redis's rewrite, this JVM's own collector, and a machine with no core to
 * spare, seen in the right second.
 */
class StallSourcesTest {
    @Test
    void aRewriteOfRedisAndAPauseOfTheGeneratorAreSeenInTheirSeconds() throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "stall-sources-" + System.nanoTime());
        try (EmbeddedRedis redis = EmbeddedRedis.start(work)) {
            // no server listens there: its pauses are simply not known
            Target target = new Target("http://127.0.0.1:9", Optional.of(redis.url()), Optional.empty(), false);
            long from = System.currentTimeMillis() / 1000;
            try (StallSources stalls = StallSources.watch(target)) {
                RedisClient client = RedisClient.create(redis.url());
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    for (int i = 0; i < 1000; i++) {
                        connection.sync().set("key" + i, "value" + i);
                    }
                    assertTrue(connection.sync().bgrewriteaof().contains("rewriting"));
                    System.gc(); // a full collection: a pause of this JVM
                    long until = System.currentTimeMillis() + 10_000;
                    // the collector's notification comes on a thread of its own, maybe after the rewrite is seen
                    while (!(seen(stalls, from, "yes") && pausedSomeSecond(stalls, from))
                            && System.currentTimeMillis() < until) {
                        Thread.sleep(50);
                    }
                } finally {
                    client.shutdown();
                }
                assertTrue(seen(stalls, from, "yes"), "the rewrite is seen in its second");
                assertTrue(pausedSomeSecond(stalls, from), "the generator's pause is seen in its second");
            }
        }
    }

    @Test
    void theServersPausesAreTheSumOfItsPauseSeries() {
        String metrics = """
                # HELP jvm_gc_pause_seconds Time spent in GC pause
                jvm_gc_pause_seconds_count{action="end of minor GC",gc="G1 Young Generation"} 7
                jvm_gc_pause_seconds_sum{action="end of minor GC",gc="G1 Young Generation"} 0.25
                jvm_gc_pause_seconds_sum{action="end of major GC",gc="G1 Old Generation"} 0.5
                jvm_gc_pause_seconds_max{action="end of minor GC",gc="G1 Young Generation"} 0.1
                """;
        assertEquals(Optional.of(0.75), StallSources.serverPauseSeconds(metrics));
        assertEquals(Optional.empty(), StallSources.serverPauseSeconds("process_cpu_usage 0.5\n"));
        assertEquals(3, ReadingText.info("# Persistence\r\naof_rewrites:3\r\nrdb_saves:0\r\n", "aof_rewrites"));
    }

    @Test
    void theMachinesBusyTicksLeaveOutIdleAndDiskWaitsAndCountStolenTime() {
        String stat = """
                cpu  100 20 30 400 50 6 7 80 9 0
                cpu0 50 10 15 200 25 3 3 40 4 0
                cpu1 50 10 15 200 25 3 4 40 5 0
                intr 12345
                """;
        // user + nice + system + irq + softirq + steal, of all eight (guest time is in user already); two cores
        StallSources.MachineTicks ticks = StallSources.MachineTicks.of(stat).orElseThrow();
        assertEquals(new StallSources.MachineTicks(243, 693, 2), ticks);
        assertEquals(Optional.of(2 * 143.0 / 293), ticks.busyCoresSince(new StallSources.MachineTicks(100, 400, 2)));
        assertEquals(Optional.empty(), ticks.busyCoresSince(ticks), "no tick went by");
        assertEquals(Optional.empty(), StallSources.MachineTicks.of("intr 12345\n"));
    }

    @Test
    void aSecondsBusyCoresAreSeenOnLinux() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
        Target target = new Target("http://127.0.0.1:9", Optional.empty(), Optional.empty(), false);
        long from = System.currentTimeMillis() / 1000;
        try (StallSources stalls = StallSources.watch(target)) {
            long until = System.currentTimeMillis() + 10_000;
            while (busySomeSecond(stalls, from).isEmpty() && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            String[] busy = busySomeSecond(stalls, from).orElseThrow().split(" of ");
            int cores = Integer.parseInt(busy[1]);
            assertTrue(cores >= 1, "the machine's cores: " + cores);
            double busyCores = Double.parseDouble(busy[0]);
            assertTrue(busyCores >= 0 && busyCores <= cores, "between none and all of them: " + busyCores);
        }
    }

    /** The first second's busy cores cell ("1.23 of 2"), if one was booked yet. */
    private static Optional<String> busySomeSecond(StallSources stalls, long from) {
        for (long second = from; second <= System.currentTimeMillis() / 1000; second++) {
            String cell = stalls.cells(second).split("\\|")[3].trim();
            if (cell.matches("\\d+\\.\\d\\d of \\d+")) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    private static boolean seen(StallSources stalls, long from, String rewriting) {
        for (long second = from; second <= System.currentTimeMillis() / 1000; second++) {
            if (stalls.cells(second).startsWith(" " + rewriting + " ")) {
                return true;
            }
        }
        return false;
    }

    private static boolean pausedSomeSecond(StallSources stalls, long from) {
        for (long second = from; second <= System.currentTimeMillis() / 1000; second++) {
            String[] cells = stalls.cells(second).split("\\|");
            if (!cells[1].isBlank() && !"-".equals(cells[1].trim())) {
                return true;
            }
        }
        return false;
    }
}
