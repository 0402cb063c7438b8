package org.helpline.transport;

import java.util.Locale;

/** Every error code a client can receive in an {@code error} frame (docs/protocol.md lists them). */
public enum ProtocolError {
    BAD_JSON("The frame is not a JSON object."),
    UNKNOWN_TYPE("Unknown or missing frame type."),
    TOO_LARGE("The frame is larger than the limit."),
    BINARY_NOT_SUPPORTED("Binary frames are not supported; send JSON text."),
    INVALID("A field is missing or has the wrong shape."),
    TEXT_TOO_LONG("The message text is longer than the limit."),
    RATE_LIMITED("Too many frames; slow down."),
    NOT_STARTED("Start or resume a conversation first."),
    ALREADY_STARTED("This socket already carries a conversation."),
    NOT_FOUND("No conversation matches this reference and secret."),
    CONVERSATION_ENDED("The conversation has ended."),
    CONVERSATION_FULL("This conversation has reached its length limit; start a new one, or call one of the lines."),
    NOT_ASSIGNED("This conversation is not assigned to you."),
    OFFER_GONE("This offer is no longer yours (expired, withdrawn or taken)."),
    PICK_NOT_ALLOWED("Your association does not pick chats from the queue."),
    NOT_WAITING("This chat is no longer waiting."),
    COUNTRY_UNKNOWN("The visitor's country is not known: escalate to one of the directory's emergency numbers by its"
            + " id."),
    TRANSFER_FAILED("Nobody could take the chat; it stays with you."),
    OUTCOME_ALREADY_RECORDED("This chat's outcome has already been recorded."),
    HEARTBEAT_MISSED("Nothing received for too long; reconnect."),
    NODE_CUT_OFF("This server lost its database for a while and your monitorings may have ended; reconnect."),
    CHAT_UNAVAILABLE("A chat cannot start from this connection right now. The lines listed are open now: please call"
            + " one of them, or try again later."),
    NOT_ACTIVE("This chat is not active: only a chat a counsellor holds can be monitored, whispered in or taken over."),
    NOT_MONITORING("Monitor this chat first."),
    MONITOR_LIMIT("This connection already monitors as many chats as it may; stop monitoring one first."),
    NOT_SUPERVISOR("This account is not a supervisor account."),
    UNAUTHENTICATED("Send an auth frame first."),
    SESSION_EXPIRED("Your session has expired; log in again."),
    UNAVAILABLE("The service is briefly unavailable; send again with the same clientId (it is never stored twice)."),
    INTERNAL("Unexpected error; send again with the same clientId (it is never stored twice).");

    private final String defaultMessage;

    ProtocolError(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
