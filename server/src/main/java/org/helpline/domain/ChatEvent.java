package org.helpline.domain;

/**
 * The type of a chat event a client may be passed as a frame (docs/protocol.md), as the sockets read it to decide what
 * to do with it before they pass it on. Types the sockets only pass on are {@link #OTHER}.
 */
public enum ChatEvent {
    MESSAGE,
    TYPING,
    ASSIGNED,
    OFFER,
    OFFER_WITHDRAWN,
    RELEASED,
    REQUEUED,
    TRANSFERRED,
    /** A counsellor's availability changed. */
    STATUS,
    ENDED,
    /** A conversation its visitor deleted. */
    ERASED,
    RISK,
    NOTE,
    OUTCOME_RECORDED,
    SUPERVISION,
    VISITOR_ATTACHED,
    VISITOR_PRESENCE,
    OTHER;

    public String wireName() {
        return WireNames.of(this);
    }

    /** The event type named {@code type}, or {@link #OTHER}. */
    public static ChatEvent of(String type) {
        return type == null ? OTHER : WireNames.parse(values(), type).orElse(OTHER);
    }
}
