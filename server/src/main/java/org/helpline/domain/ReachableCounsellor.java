package org.helpline.domain;

/**
 * A counsellor who is available and has a live console right now: their profile, how many chats they hold or are
 * offered, when they were last given one (epoch ms, 0 for never), and whether they are in wrap-up after a chat ended
 * (no new chat is offered to them then).
 */
public record ReachableCounsellor(Counsellor counsellor, int load, long lastAssignedAt, boolean wrappingUp) {
    public ReachableCounsellor(Counsellor counsellor, int load, long lastAssignedAt) {
        this(counsellor, load, lastAssignedAt, false);
    }

    public String id() {
        return counsellor.id();
    }

    public int freeCapacity() {
        return Math.max(0, counsellor.capacity() - load);
    }
}
