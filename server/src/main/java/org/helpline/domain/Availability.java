package org.helpline.domain;

import java.util.Optional;

/** What a counsellor says about taking new chats. */
public enum Availability {
    AVAILABLE, AWAY;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<Availability> fromWire(String value) {
        return WireNames.parse(values(), value);
    }
}
