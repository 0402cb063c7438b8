package org.helpline.store;

/** Whether a visitor message may be stored, by the conversation's limits over all its sockets. */
public enum MessageAllowance {
    ALLOWED,
    /** {@code limits.messagesPerMinutePerConversation} reached this minute. */
    RATE_LIMITED,
    /** {@code limits.messagesPerConversation} reached. */
    FULL;

    static MessageAllowance fromScript(String reply) {
        return switch (reply) {
            case "ok" -> ALLOWED;
            case "rate_limited" -> RATE_LIMITED;
            case "full" -> FULL;
            default -> throw new IllegalStateException("count_visitor_message answered " + reply);
        };
    }
}
