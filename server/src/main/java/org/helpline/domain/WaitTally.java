package org.helpline.domain;

import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The service-level counts of each minute (answers and unanswered ends, against the target), kept by one node between
 * dashboard reads so that a read scans only the last minutes of the record of waits instead of the whole day. A minute
 * older than {@link #SETTLED} is final (a wait is recorded when it happens, with the recording node's clock; nodes'
 * clocks further apart than that would lose a late record) and is kept here; newer minutes are read again each time.
 * Safe to use from several threads.
 */
public final class WaitTally {
    public static final Duration SETTLED = Duration.ofMinutes(5);
    /** Minutes kept: 25 hours, the longest "today" (the day the clocks go back) and the most a dashboard shows. */
    static final long KEPT_MINUTES = 25 * 60;
    private static final long SETTLED_MINUTES = SETTLED.toMinutes();

    /** One minute's counts, and the sum of the waits of the chats first answered in it. */
    public record Minute(ServiceLevel counts, long answeredWaitMillis) {
        public static final Minute NONE = new Minute(ServiceLevel.NONE, 0);
    }

    /** The windows a dashboard shows, summed. */
    public record Totals(ServiceLevel lastHour, ServiceLevel today, Map<Long, Minute> byMinute) {
    }

    private final NavigableMap<Long, Minute> settled = new TreeMap<>();
    private long coveredFrom = Long.MAX_VALUE;
    private long settledBefore = Long.MIN_VALUE;

    /** The first minute a read must scan when it needs minutes from {@code neededFrom} on. */
    public synchronized long scanFrom(long neededFrom) {
        return neededFrom < coveredFrom || settledBefore <= neededFrom ? neededFrom : settledBefore;
    }

    /**
     * Folds what a read scanned (every minute from {@code scannedFrom} to {@code nowMinute}; those absent had nothing)
     * into the kept minutes and sums the windows: the last hour is {@code hourEdge} (the part of the minute the hour
     * starts in that falls inside it) and the minutes after {@code hourMinute}; today the minutes from
     * {@code dayMinute}. {@code byMinute} holds every known minute from {@code firstMinute}.
     */
    public synchronized Totals fold(long scannedFrom, Map<Long, Minute> scanned, long nowMinute, ServiceLevel hourEdge,
                                    long hourMinute, long dayMinute, long firstMinute) {
        NavigableMap<Long, Minute> known = new TreeMap<>(settled.tailMap(Math.min(firstMinute,
                Math.min(hourMinute, dayMinute)), true));
        known.tailMap(scannedFrom, true).clear();
        known.putAll(scanned);
        if (scannedFrom <= settledBefore || settled.isEmpty()) {
            long finalBefore = nowMinute - SETTLED_MINUTES;
            scanned.forEach((minute, counts) -> {
                if (minute < finalBefore) {
                    settled.put(minute, counts);
                }
            });
            coveredFrom = Math.min(coveredFrom, scannedFrom);
            settledBefore = Math.max(settledBefore, finalBefore);
            settled.headMap(nowMinute - KEPT_MINUTES).clear();
            coveredFrom = Math.max(coveredFrom, nowMinute - KEPT_MINUTES);
        }
        ServiceLevel hour = hourEdge;
        ServiceLevel today = ServiceLevel.NONE;
        for (Map.Entry<Long, Minute> entry : known.entrySet()) {
            if (entry.getKey() > hourMinute) {
                hour = hour.plus(entry.getValue().counts());
            }
            if (entry.getKey() >= dayMinute) {
                today = today.plus(entry.getValue().counts());
            }
        }
        return new Totals(hour, today, known.tailMap(firstMinute, true));
    }
}
