package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.helpline.auth.CounsellorLogin;
import org.helpline.auth.Secrets;
import org.helpline.domain.Counsellor;
import org.helpline.store.SessionStore;

/** {@code POST /api/counsellor/login} and {@code POST /api/counsellor/logout}. */
final class CounsellorSessionRoutes {
    private final CounsellorLogin login;
    private final SessionStore sessions;
    private final Duration idleTimeout;

    CounsellorSessionRoutes(CounsellorLogin login, SessionStore sessions, Duration idleTimeout) {
        this.login = login;
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
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
        login.verify(id, password)
                .compose(verified -> {
                    if (verified.isEmpty()) {
                        HttpErrors.send(context, 401, "invalid_credentials", "Unknown account or wrong password.");
                        return Future.succeededFuture();
                    }
                    Counsellor counsellor = verified.get();
                    String token = Secrets.random(32);
                    return sessions.open(token, counsellor.id()).map(expiresAt -> {
                        context.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                                .put("token", token)
                                .put("expiresAt", expiresAt)
                                .put("idleTimeoutSeconds", idleTimeout.toSeconds())
                                .put("counsellor", new JsonObject().put("id", counsellor.id())
                                        .put("name", counsellor.displayName())
                                        .put("association", counsellor.associationId())
                                        .put("demo", counsellor.demo()))
                                .encode());
                        return null;
                    });
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }

    void logout(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            HttpErrors.send(context, 401, "unauthenticated", "Send Authorization: Bearer <token>.");
            return;
        }
        Future<Void> closing = sessions.close(header.substring("Bearer ".length()));
        closing.onSuccess(done -> context.response().setStatusCode(204).end())
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }
}
