package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become error frames. Client mistakes keep their code; Redis trouble becomes
 * {@code unavailable}; anything else {@code internal}, logged once by {@link FailureLog} (never a frame's content).
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
        ProtocolException refusal = refusal(failure);
        JsonObject frame = of(refusal.error(), refusal.getMessage());
        if (refusal.field() != null) {
            frame.put("field", refusal.field());
        }
        frame.mergeIn(refusal.details());
        if (ref != null) {
            frame.put("ref", ref);
        }
        return frame;
    }

    /**
     * A failure as the client is told it: a client mistake as it is; Redis trouble {@code unavailable}; anything else
     * {@code internal}, logged.
     */
    static ProtocolException refusal(Throwable failure) {
        if (failure instanceof ProtocolException protocol) {
            return protocol;
        }
        FailureLog.log(LOG, "Handling a frame", failure);
        return new ProtocolException(FailureLog.isRedisTrouble(failure) ? ProtocolError.UNAVAILABLE
                : ProtocolError.INTERNAL);
    }
}
