package org.helpline.domain;

import java.util.Optional;

/** Who the visitor says they are. Optional in the triage. */
public enum Role {
    VICTIM, WITNESS, RELATIVE, PROFESSIONAL;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<Role> fromWire(String value) {
        return WireNames.parse(values(), value);
    }
}
