package org.helpline.store;

/** What happened to one message sent with a client id. */
public sealed interface AppendResult {
    /** Stored now, with this sequence number ({@code duplicate} when the client id had been stored before). */
    record Stored(long seq, boolean duplicate) implements AppendResult {
    }

    /** Refused, and why. */
    record Refused(Refusal reason) implements AppendResult {
    }

    enum Refusal {
        /** No such conversation. */
        MISSING,
        /** The conversation has ended. */
        ENDED,
        /** The counsellor sending does not hold the conversation. */
        NOT_ASSIGNED,
        /** The visitor reached {@code limits.messagesPerMinutePerConversation} this minute, all sockets together. */
        RATE_LIMITED,
        /** The visitor reached {@code limits.messagesPerConversation} or {@code limits.visitorBytesPerConversation}. */
        CONVERSATION_FULL
    }
}
