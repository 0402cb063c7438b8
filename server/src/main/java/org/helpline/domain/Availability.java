package org.helpline.domain;

import java.util.Locale;
import java.util.Optional;

/** What a counsellor says about taking new chats. */
public enum Availability {
    AVAILABLE, AWAY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Availability> fromWire(String value) {
        for (Availability availability : values()) {
            if (availability.wireName().equals(value)) {
                return Optional.of(availability);
            }
        }
        return Optional.empty();
    }
}
