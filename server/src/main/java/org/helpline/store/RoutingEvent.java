package org.helpline.store;

/**
 * An event of the routing channel ({@link Keys#ROUTING_CHANNEL}) as the scripts publish it: a chat queued
 * ({@code queued}, {@code danger}), a chat's routing step widened ({@code step|<conversation>}), or a counsellor whose
 * place or presence changed ({@code <kind>|<counsellor id>}; after {@code requeued} and {@code gone} her chats are
 * back in the queue too). {@code subject}: the conversation or counsellor named, or empty.
 */
public record RoutingEvent(Kind kind, String subject) {
    /** What happened. */
    public enum Kind {
        CHAT_QUEUED,
        STEP_WIDENED,
        COUNSELLOR_CHANGED,
        /** A counsellor's place or presence changed and chats she held or was offered went back to the queue. */
        CHATS_REQUEUED
    }

    /** The event as published; an unknown word counts as a chat queued (a round is the safe answer). */
    public static RoutingEvent parse(String event) {
        int bar = event.indexOf('|');
        String word = bar < 0 ? event : event.substring(0, bar);
        String subject = bar < 0 ? "" : event.substring(bar + 1);
        Kind kind = switch (word) {
            case "step" -> Kind.STEP_WIDENED;
            case "available", "away", "console", "capacity" -> Kind.COUNSELLOR_CHANGED;
            case "requeued", "gone" -> Kind.CHATS_REQUEUED;
            default -> Kind.CHAT_QUEUED;
        };
        return new RoutingEvent(kind, subject);
    }

    /** Whether it is about a counsellor (named by {@link #subject}, or by nobody from a node that names nobody). */
    public boolean aboutACounsellor() {
        return kind == Kind.COUNSELLOR_CHANGED || kind == Kind.CHATS_REQUEUED;
    }
}
