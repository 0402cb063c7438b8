package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import org.helpline.domain.ConversationStatus;

/** A client mistake or refusal, answered with an {@code error} frame; the socket stays open. */
public final class ProtocolException extends RuntimeException {
    private final ProtocolError error;
    private final String field;
    /** More fields of the error frame, or null. */
    private final JsonObject details;

    public ProtocolException(ProtocolError error) {
        this(error, error.defaultMessage(), null);
    }

    public ProtocolException(ProtocolError error, String message, String field) {
        this(error, message, field, null);
    }

    private ProtocolException(ProtocolError error, String message, String field, JsonObject details) {
        super(message, null, false, false);
        this.error = error;
        this.field = field;
        this.details = details;
    }

    public static ProtocolException invalid(String field, String message) {
        return new ProtocolException(ProtocolError.INVALID, message, field);
    }

    /**
     * {@code transfer_failed}, with its {@code reason} ({@code offline}, {@code full}, {@code no_counsellor}; for a
     * takeover {@code not_assigned}: the chat changed hands), for pages to word it themselves.
     */
    static ProtocolException transferFailed(String reason, String message) {
        return new ProtocolException(ProtocolError.TRANSFER_FAILED, message, null,
                new JsonObject().put("reason", reason));
    }

    /** {@code not_active}, saying where the chat is ({@code status}: {@code ended} also for a chat gone). */
    static ProtocolException notActive(ConversationStatus status) {
        return new ProtocolException(ProtocolError.NOT_ACTIVE, ProtocolError.NOT_ACTIVE.defaultMessage(), null,
                new JsonObject().put("status", status.wireName()));
    }

    public ProtocolError error() {
        return error;
    }

    public String field() {
        return field;
    }

    /** The fields the error frame carries besides its code, message and field: none when empty. */
    JsonObject details() {
        return details == null ? new JsonObject() : details.copy();
    }
}
