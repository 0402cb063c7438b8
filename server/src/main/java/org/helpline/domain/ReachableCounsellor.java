package org.helpline.domain;

/**
 * A counsellor who is available and has a live console right now: their profile, how many chats they hold or are
 * offered, and when they were last given one (epoch ms, 0 for never).
 */
public record ReachableCounsellor(Counsellor counsellor, int load, long lastAssignedAt) {
    public String id() {
        return counsellor.id();
    }

    public int freeCapacity() {
        return Math.max(0, counsellor.capacity() - load);
    }
}
