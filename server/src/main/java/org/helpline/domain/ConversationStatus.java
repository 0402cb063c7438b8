package org.helpline.domain;

/** Where a conversation is in its life. */
public enum ConversationStatus {
    /** Queued, waiting for a counsellor. */
    WAITING,
    /** Offered to one counsellor, waiting for their accept. */
    OFFERED,
    /** Assigned to a counsellor. */
    ACTIVE,
    /** Ended by either side; the transcript waits for the retention policy. */
    ENDED;

    public String wireName() {
        return WireNames.of(this);
    }

    public static ConversationStatus fromWire(String value) {
        return WireNames.parse(values(), value).orElseThrow(() -> new IllegalArgumentException(value));
    }
}
