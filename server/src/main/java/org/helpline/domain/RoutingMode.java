package org.helpline.domain;

import java.util.Optional;

/** How a chat reaches one of an association's counsellors. */
public enum RoutingMode {
    /** The chat is offered; the counsellor accepts or declines within the accept timeout. */
    OFFER,
    /** The chat is assigned at once. */
    DIRECT;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<RoutingMode> fromWire(String value) {
        return WireNames.parse(values(), value);
    }
}
