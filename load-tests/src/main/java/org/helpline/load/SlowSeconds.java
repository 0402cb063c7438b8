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

    /** The {@code count} seconds whose slowest relay was slowest, as Markdown table rows, slowest first. */
    synchronized List<String> slowest(int count) {
        List<Map.Entry<Long, Histogram>> seconds = new ArrayList<>(bySecond.entrySet());
        seconds.sort(Comparator.comparingLong((Map.Entry<Long, Histogram> second) -> second.getValue().getMaxValue())
                .reversed());
        List<String> rows = new ArrayList<>();
        for (Map.Entry<Long, Histogram> second : seconds.subList(0, Math.min(count, seconds.size()))) {
            Histogram h = second.getValue();
            rows.add(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |",
                    TIME.format(Instant.ofEpochSecond(second.getKey())), h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6));
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
