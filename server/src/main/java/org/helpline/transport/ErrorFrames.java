package org.helpline.transport;

import io.vertx.core.json.JsonObject;
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
        JsonObject frame;
        if (failure instanceof ProtocolException protocol) {
            frame = of(protocol.error(), protocol.getMessage());
            if (protocol.field() != null) {
                frame.put("field", protocol.field());
            }
        } else {
            FailureLog.log(LOG, "Handling a frame", failure);
            frame = of(FailureLog.isRedisTrouble(failure) ? ProtocolError.UNAVAILABLE : ProtocolError.INTERNAL);
        }
        if (ref != null) {
            frame.put("ref", ref);
        }
        return frame;
    }
}
