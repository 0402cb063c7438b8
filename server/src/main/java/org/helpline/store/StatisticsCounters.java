package org.helpline.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How the scripts that end a chat and record its outcome tags count it in the day's anonymous statistics: the UTC
 * day's hash, the service-level target an answer is measured against, and how long the counters are kept.
 */
public record StatisticsCounters(Duration serviceLevel, Duration kept) {
    /** The statistics hash of the UTC day of {@code at}. */
    String key(Instant at) {
        return Keys.statistics(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }
}
