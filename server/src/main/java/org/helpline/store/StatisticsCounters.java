package org.helpline.store;

import java.time.Duration;
import java.time.Instant;
import org.helpline.domain.ServiceCalendar;

/**
 * How the scripts that end a chat and record its outcome tags count it: in the counters of the day it happens on, by
 * the helpline's {@code calendar} (the observatory's statistics, the outcome and the ending counters); the
 * service-level target an answer is measured against; and how long the observatory's counters are kept after their
 * day is over.
 */
public record StatisticsCounters(Duration serviceLevel, Duration kept, ServiceCalendar calendar) {
    /** The observatory's statistics hash of the day of {@code at}. */
    String key(Instant at) {
        return Keys.statistics(calendar.day(at));
    }

    /** The outcome tag counters of the day of {@code at}. */
    String outcomeCounts(Instant at) {
        return Keys.outcomeCounts(calendar.day(at));
    }

    /** The ending counters of the day of {@code at}. */
    String endingCounts(Instant at) {
        return Keys.endingCounts(calendar.day(at));
    }

    /**
     * How long, from {@code at}, the statistics hash of its day is to be kept (s): {@link #kept} after the day is
     * over, so that the oldest day the export offers is all there whatever the length of the days since (23 or 25
     * hours when the clocks change).
     */
    long keptSeconds(Instant at) {
        return Duration.between(at, calendar.end(calendar.day(at))).plus(kept).toSeconds();
    }
}
