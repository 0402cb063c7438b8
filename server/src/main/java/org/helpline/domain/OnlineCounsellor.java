package org.helpline.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A counsellor with a live console right now, available or away (a colleague may be asked to take a chat while away:
 * a transfer to her by name needs only her console and a free place): her profile, her availability, and what was read
 * of her as for a {@link ReachableCounsellor}: load, when she was last given a chat, when her wrap-up ends.
 */
public record OnlineCounsellor(Counsellor counsellor, Availability availability, int load, long lastAssignedAt,
                               Instant wrapUpEnds) {
    public String id() {
        return counsellor.id();
    }

    public boolean available() {
        return availability == Availability.AVAILABLE;
    }

    public int freeCapacity() {
        return Math.max(0, counsellor.capacity() - load);
    }

    /** Whether her wrap-up, as read, still runs at {@code now}. */
    public boolean wrappingUpAt(Instant now) {
        return wrapUpEnds.isAfter(now);
    }

    /** As routing sees her, when she is available; empty while away. */
    public Optional<ReachableCounsellor> reachable() {
        return available() ? Optional.of(new ReachableCounsellor(counsellor, load, lastAssignedAt, wrapUpEnds))
                : Optional.empty();
    }
}
