package org.helpline.domain;

import java.time.Instant;

/**
 * A counsellor who is available and has a live console right now: their profile, how many chats they hold or are
 * offered, when they were last given one (epoch ms, 0 for never), and when the wrap-up after a chat they held ends
 * (no new chat is offered to them until then; {@link #NO_WRAP_UP} when none was running as they were read).
 */
public record ReachableCounsellor(Counsellor counsellor, int load, long lastAssignedAt, Instant wrapUpEnds) {
    /** The end of a wrap-up long past: none runs. */
    public static final Instant NO_WRAP_UP = Instant.EPOCH;
    /** The end of a wrap-up whose marker has no expiry: not known (an event, or a read of everyone, sees it end). */
    public static final Instant UNKNOWN_WRAP_UP_END = Instant.MAX;

    public ReachableCounsellor(Counsellor counsellor, int load, long lastAssignedAt) {
        this(counsellor, load, lastAssignedAt, NO_WRAP_UP);
    }

    public String id() {
        return counsellor.id();
    }

    public int freeCapacity() {
        return Math.max(0, counsellor.capacity() - load);
    }

    /** Whether their wrap-up, as read, still runs at {@code now}. */
    public boolean wrappingUpAt(Instant now) {
        return wrapUpEnds.isAfter(now);
    }
}
