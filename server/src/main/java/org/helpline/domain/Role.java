package org.helpline.domain;

import java.util.Optional;

/** Who the visitor says they are. Optional in the triage. A perpetrator is someone who wants to stop their violence. */
public enum Role {
    VICTIM, WITNESS, RELATIVE, PROFESSIONAL, PERPETRATOR;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<Role> fromWire(String value) {
        return WireNames.parse(values(), value);
    }
}
