package org.helpline.load;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latencies by the wall-clock second the measured thing began in (a relay sent, a chat started), to tell a tail made
 * of a few stalls from one spread over the run, and to line the stalls up with the servers' and Redis's logs of the
 * same seconds (the report lists the slowest ones).
 */
final class SlowSeconds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final Map<Long, Histogram> bySecond = new HashMap<>();

    /** Something that took {@code tookNanos}, begun that long before now. */
    synchronized void record(long tookNanos) {
        long sentAt = System.currentTimeMillis() - tookNanos / 1_000_000;
        bySecond.computeIfAbsent(sentAt / 1000, second -> new Histogram(3)).recordValue(Math.max(0, tookNanos));
    }

    /** One second of the table: when it began (epoch seconds), how many began in it, and its percentiles. */
    record Row(long epochSecond, long count, double p50Millis, double p99Millis, double maxMillis) {
        /** The row's first five Markdown cells, left open for more. */
        String cells() {
            return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |",
                    TIME.format(Instant.ofEpochSecond(epochSecond)), count, p50Millis, p99Millis, maxMillis);
        }
    }

    /** The {@code count} seconds whose slowest relay was slowest, slowest first. */
    synchronized List<Row> slowest(int count) {
        List<Map.Entry<Long, Histogram>> seconds = new ArrayList<>(bySecond.entrySet());
        seconds.sort(Comparator.comparingLong((Map.Entry<Long, Histogram> second) -> second.getValue().getMaxValue())
                .reversed());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Long, Histogram> second : seconds.subList(0, Math.min(count, seconds.size()))) {
            Histogram h = second.getValue();
            rows.add(new Row(second.getKey(), h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6));
        }
        return rows;
    }

    /** Of all the seconds, how many had a relay slower than {@code millis}. */
    synchronized long secondsSlowerThan(double millis) {
        return bySecond.values().stream().filter(h -> h.getMaxValue() / 1e6 > millis).count();
    }

    synchronized int seconds() {
        return bySecond.size();
    }
}
