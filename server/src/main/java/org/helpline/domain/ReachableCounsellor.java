package org.helpline.domain;

/** A counsellor who is available and has a live console right now, with their current load. */
public record ReachableCounsellor(String id, String associationId, int load, int capacity) {
    public int freeCapacity() {
        return Math.max(0, capacity - load);
    }
}
