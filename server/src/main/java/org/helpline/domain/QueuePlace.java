package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
     * Her place at {@code position}, {@code taken} chats having been taken within {@link WaitEstimate#WINDOW}: no
     * estimate while nobody is online, nor while nobody open may answer her ({@link OverflowReason#CLOSED}): the
     * pace of the others' chats says nothing about when someone comes for her then.
     */
    public static QueuePlace of(long position, long taken, boolean online, Optional<OverflowReason> overflow) {
        boolean answerable = online && overflow.orElse(null) != OverflowReason.CLOSED; // for each watcher, each tick
        Long estimate = answerable ? WaitEstimate.of(position, taken).map(Duration::toSeconds).orElse(null) : null;
        return new QueuePlace(position, estimate, online);
    }

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
