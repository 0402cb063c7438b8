package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The one place HTTP failures become status codes and a JSON body {@code {"error": code, "message": text}}. */
final class HttpErrors {

    private HttpErrors() {
    }

    static void send(RoutingContext context, int status, String code, String message) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }

    static void fail(RoutingContext context, Throwable failure) {
        JsonObject frame = ErrorFrames.of(failure, null); // logs it
        boolean unavailable = ProtocolError.UNAVAILABLE.code().equals(frame.getString("code"));
        send(context, unavailable ? 503 : 500, frame.getString("code"), frame.getString("message"));
    }
}
