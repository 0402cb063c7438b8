package org.helpline.transport;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** A request's body read as a JSON object, as every HTTP route that takes one reads it. */
final class JsonBody {
    private JsonBody() {
    }

    /** The body as a JSON object; empty when there is none or it is not one (a client's mistake, answered 400). */
    static Optional<JsonObject> of(RoutingContext context) {
        String text = context.body().asString();
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
