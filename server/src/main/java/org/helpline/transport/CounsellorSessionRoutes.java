package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.helpline.HelplineServices;

/** {@code POST /api/counsellor/login} and {@code POST /api/counsellor/logout}. */
final class CounsellorSessionRoutes {
    private final HelplineServices services;

    CounsellorSessionRoutes(HelplineServices services) {
        this.services = services;
    }

    void login(RoutingContext context) {
        JsonObject body;
        try {
            body = context.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || !(body.getValue("id") instanceof String id) || id.length() > 64
                || !(body.getValue("password") instanceof String password) || password.length() > 1024) {
            HttpErrors.send(context, 400, "invalid", "Send {\"id\": ..., \"password\": ...} as JSON.");
            return;
        }
        services.login().login(id, password)
                .onSuccess(opened -> {
                    if (opened.isEmpty()) {
                        HttpErrors.send(context, 401, "invalid_credentials", "Unknown account or wrong password.");
                        return;
                    }
                    var session = opened.get();
                    context.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("token", session.token())
                            .put("expiresAt", session.expiresAt())
                            .put("idleTimeoutSeconds", services.config().sessions().idle().toSeconds())
                            .put("counsellor", new JsonObject().put("id", session.counsellor().id())
                                    .put("name", session.counsellor().displayName())
                                    .put("association", session.counsellor().associationId())
                                    .put("demo", session.counsellor().demo()))
                            .encode());
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }

    void logout(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            HttpErrors.send(context, 401, "unauthenticated", "Send Authorization: Bearer <token>.");
            return;
        }
        Future<Void> closing = services.sessions().close(header.substring("Bearer ".length()));
        closing.onSuccess(done -> context.response().setStatusCode(204).end())
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }
}
