package org.helpline.domain;

import java.util.List;
import java.util.Optional;

/**
 * One row of the statistics: a day ({@code 2026-12-01}) or month ({@code 2026-12}), an association ({@code all} for
 * the whole network, {@code none} for the chats nobody answered), each figure with its disclosure (in the order of
 * {@link ChatFigures#columns()}), and the median and 90th percentile of the waits as buckets ({@code <=60}), empty
 * when the answered chats are not shown.
 */
public record StatisticsRow(String period, String association, List<Count> counts, Optional<String> waitMedian,
                            Optional<String> waitP90) {
    public StatisticsRow {
        counts = List.copyOf(counts);
    }

    /** A figure and how it may be published. */
    public record Count(long value, Disclosure disclosure) {
        public String text(int minimum) {
            return disclosure.text(value, minimum);
        }
    }
}
