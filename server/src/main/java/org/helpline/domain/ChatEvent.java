package org.helpline.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    /** A chat raised to the danger priority while its visitor was in it. */
    DANGER,
    OUTCOME_RECORDED,
    SUPERVISION,
    VISITOR_ATTACHED,
    VISITOR_PRESENCE,
    OTHER;

    /** Read for every event a socket gets (each relayed message): a lookup, not a scan of the names. */
    private static final Map<String, ChatEvent> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ChatEvent::wireName, Function.identity()));

    public String wireName() {
        return WireNames.of(this);
    }

    /** The event type named {@code type}, or {@link #OTHER}. */
    public static ChatEvent of(String type) {
        return type == null ? OTHER : BY_WIRE_NAME.getOrDefault(type, OTHER);
    }
}
