package org.helpline.domain;

import java.util.Locale;
import java.util.Optional;

/** Who the visitor says they are. Optional in the triage. */
public enum Role {
    VICTIM, WITNESS, RELATIVE, PROFESSIONAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
