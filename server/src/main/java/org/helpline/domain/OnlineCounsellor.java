package org.helpline.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A counsellor with a live console right now, available or away (a colleague may be asked to take a chat while away:
 * a transfer to her by name needs only her console and a free place): what was read of her as for a
 * {@link ReachableCounsellor} (profile, load, when she was last given a chat, when her wrap-up ends), and her
 * availability.
 */
public record OnlineCounsellor(ReachableCounsellor read, Availability availability) {
    public String id() {
        return read.id();
    }

    public Counsellor counsellor() {
        return read.counsellor();
    }

    public boolean available() {
        return availability == Availability.AVAILABLE;
    }

    public int freeCapacity() {
        return read.freeCapacity();
    }

    /** Whether her wrap-up, as read, still runs at {@code now}. */
    public boolean wrappingUpAt(Instant now) {
        return read.wrappingUpAt(now);
    }

    /** As routing sees her, when she is available; empty while away. */
    public Optional<ReachableCounsellor> reachable() {
        return available() ? Optional.of(read) : Optional.empty();
    }
}
