package org.helpline.domain;

import java.util.Locale;

/** The two sides of a conversation. */
public enum Side {
    VISITOR, COUNSELLOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Side other() {
        return this == VISITOR ? COUNSELLOR : VISITOR;
    }
}
