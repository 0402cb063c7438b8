package org.helpline.transport;

/** A client mistake or refusal, answered with an {@code error} frame; the socket stays open. */
public final class ProtocolException extends RuntimeException {
    private final ProtocolError error;
    private final String field;

    public ProtocolException(ProtocolError error) {
        this(error, error.defaultMessage(), null);
    }

    public ProtocolException(ProtocolError error, String message, String field) {
        super(message, null, false, false);
        this.error = error;
        this.field = field;
    }

    public static ProtocolException invalid(String field, String message) {
        return new ProtocolException(ProtocolError.INVALID, message, field);
    }

    public ProtocolError error() {
        return error;
    }

    public String field() {
        return field;
    }
}
