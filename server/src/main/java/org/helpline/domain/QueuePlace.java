package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What a waiting visitor is told of their place ({@code queue} frame): position (1 = next), estimated wait in seconds
 * ({@code null}: unknown), whether a counsellor is online. Told when it changes, but beyond the first {@link #NEAR}
 * places at most once every {@link #FAR_EVERY}: that far back a place moves little from one second to the next, and
 * telling each of 15,000 waiting visitors every second was most of the work of the server and of its clients in a
 * surge (see docs/performance.md). Whether a counsellor is online is told at once, wherever the visitor waits.
 */
public record QueuePlace(long position, Long estimatedWaitSeconds, boolean counsellorsOnline) {
    public static final long NEAR = 100;
    public static final Duration FAR_EVERY = Duration.ofSeconds(10);

    /**
     * Whether this place is worth telling a visitor who was last told {@code told} at {@code toldAt} ({@code told}
     * {@code null}: never told).
     */
    public boolean worthTelling(QueuePlace told, Instant toldAt, Instant now) {
        if (told == null || told.counsellorsOnline() != counsellorsOnline) {
            return true;
        }
        if (equals(told)) {
            return false;
        }
        return position <= NEAR || told.position() <= NEAR || !now.isBefore(toldAt.plus(FAR_EVERY));
    }
}
