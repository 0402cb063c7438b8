package org.helpline.store;

/** What happened to one message sent with a client id. */
public sealed interface AppendResult {
    /** Stored now, with this sequence number ({@code duplicate} when the client id had been stored before). */
    record Stored(long seq, boolean duplicate) implements AppendResult {
    }

    /** Refused: {@code reason} is one of {@code missing}, {@code ended}, {@code not_assigned}. */
    record Refused(String reason) implements AppendResult {
    }
}
