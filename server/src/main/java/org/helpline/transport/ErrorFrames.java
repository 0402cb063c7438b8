package org.helpline.transport;

import io.lettuce.core.RedisException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become error frames. Client mistakes keep their code; Redis trouble becomes
 * {@code unavailable}; anything else {@code internal}, logged by its class only (never a frame's content).
 */
public final class ErrorFrames {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorFrames.class);

    private ErrorFrames() {
    }

    public static JsonObject of(ProtocolError error) {
        return of(error, error.defaultMessage());
    }

    public static JsonObject of(ProtocolError error, String message) {
        return new JsonObject().put("type", "error").put("code", error.code()).put("message", message);
    }

    /** The error frame for a failure, with {@code ref} (the client id or frame type it answers) when known. */
    public static JsonObject of(Throwable failure, String ref) {
        JsonObject frame;
        if (failure instanceof ProtocolException protocol) {
            frame = of(protocol.error(), protocol.getMessage());
            if (protocol.field() != null) {
                frame.put("field", protocol.field());
            }
        } else if (isRedisTrouble(failure)) {
            LOG.warn("Redis call failed: {}", rootCause(failure).getClass().getSimpleName());
            frame = of(ProtocolError.UNAVAILABLE);
        } else {
            LOG.error("Unexpected failure handling a frame: {}", rootCause(failure).getClass().getName());
            frame = of(ProtocolError.INTERNAL);
        }
        if (ref != null) {
            frame.put("ref", ref);
        }
        return frame;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isRedisTrouble(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
