package org.helpline.load;

import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency distribution, recorded from many threads (HdrHistogram's Recorder), read once at the end; also by the
 * second each measured thing began in, when given a {@link SlowSeconds} (several distributions may share one).
 */
final class Latency {
    private final String name;
    private final Recorder recorder = new Recorder(3);
    private final Optional<SlowSeconds> bySecond;
    private Histogram total;

    Latency(String name) {
        this(name, Optional.empty());
    }

    Latency(String name, SlowSeconds bySecond) {
        this(name, Optional.of(bySecond));
    }

    private Latency(String name, Optional<SlowSeconds> bySecond) {
        this.name = name;
        this.bySecond = bySecond;
    }

    /** The slowest seconds of this distribution, if it keeps them. */
    Optional<SlowSeconds> bySecond() {
        return bySecond;
    }

    String name() {
        return name;
    }

    void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
        bySecond.ifPresent(seconds -> seconds.record(nanos));
    }

    void recordSince(long startNanos) {
        record(System.nanoTime() - startNanos);
    }

    synchronized Histogram histogram() {
        if (total == null) {
            total = new Histogram(3);
        }
        total.add(recorder.getIntervalHistogram());
        return total;
    }

    /** "count p50 p90 p99 p99.9 max" in milliseconds ({@link #millis}), for the report's tables. */
    String row() {
        Histogram h = histogram();
        return String.format("| %s | %d | %s | %s | %s | %s | %s |", name, h.getTotalCount(), ms(h, 50), ms(h, 90),
                ms(h, 99), ms(h, 99.9), millis(h.getMaxValue() / 1e6));
    }

    double percentileMillis(double percentile) {
        return histogram().getValueAtPercentile(percentile) / 1e6;
    }

    /** The largest value recorded, in milliseconds. */
    double maxMillis() {
        return histogram().getMaxValue() / 1e6;
    }

    /**
     * Milliseconds as the report prints them: to the microsecond under 1 ms, so that a relay's 0.10 ms and 0.15 ms
     * (the 1.5x the bare relay is compared by) are told apart; to the tenth from 1 ms (the histograms keep 3
     * significant digits).
     */
    static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 1 ? "%.3f" : "%.1f", millis);
    }

    private static String ms(Histogram h, double percentile) {
        return millis(h.getValueAtPercentile(percentile) / 1e6);
    }
}
