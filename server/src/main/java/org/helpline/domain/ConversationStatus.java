package org.helpline.domain;

import java.util.Locale;

/** Where a conversation is in its life. */
public enum ConversationStatus {
    /** Queued, waiting for a counsellor. */
    WAITING,
    /** Assigned to a counsellor. */
    ACTIVE,
    /** Ended by either side; the transcript waits for the retention policy. */
    ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
