package org.helpline.domain;

/**
 * Where a counsellor stands for the supervisor: {@code available} (can be given a chat now), {@code busy} (available
 * but at capacity), {@code away} (console open, not taking new chats) or {@code offline} (no live console).
 */
public enum CounsellorState {
    AVAILABLE, BUSY, AWAY, OFFLINE;

    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param available the counsellor's recorded availability is {@code available}
     * @param online    they have a live console (an unexpired lease)
     * @param load      chats held + offered
     */
    public static CounsellorState of(boolean available, boolean online, int load, int capacity) {
        if (!online) {
            return OFFLINE;
        }
        if (!available) {
            return AWAY;
        }
        return load >= capacity ? BUSY : AVAILABLE;
    }
}
