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
        ProtocolException refusal = ErrorFrames.refusal(failure); // logs an unexpected one
        send(context, refusal.error() == ProtocolError.UNAVAILABLE ? 503 : 500, refusal.error().code(),
                refusal.getMessage());
    }
}
