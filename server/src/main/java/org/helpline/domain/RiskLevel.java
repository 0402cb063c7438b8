package org.helpline.domain;

import java.util.Optional;

/** How much danger a risk checklist points to, lowest first: standard, medium, high. */
public enum RiskLevel {
    STANDARD, MEDIUM, HIGH;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<RiskLevel> fromWire(String value) {
        return WireNames.parse(values(), value);
    }
}
