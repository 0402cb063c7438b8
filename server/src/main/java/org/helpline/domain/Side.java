package org.helpline.domain;

/** The two sides of a conversation. */
public enum Side {
    VISITOR, COUNSELLOR;

    public String wireName() {
        return WireNames.of(this);
    }
}
