package org.helpline.domain;

/** How much danger a risk checklist points to, lowest first: standard, medium, high. */
public enum RiskLevel {
    STANDARD, MEDIUM, HIGH;

    public String wireName() {
        return WireNames.of(this);
    }
}
