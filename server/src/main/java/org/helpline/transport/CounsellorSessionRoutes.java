package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.helpline.auth.CounsellorLogin;
import org.helpline.auth.PasswordCheck;
import org.helpline.auth.Secrets;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Counsellor;
import org.helpline.store.LoginAdmission;
import org.helpline.store.LoginThrottle;
import org.helpline.store.SessionStore;

/**
 * {@code POST /api/counsellor/login}, {@code POST /api/counsellor/logout} and a supervisor's
 * {@code POST /api/supervisor/counsellors/{id}/revoke}. A login first passes the throttle of its account and of its
 * client key (429 with {@code Retry-After} while either must wait), then the password check (503 {@code busy} when the
 * node's checks are full of less suspicious ones).
 */
final class CounsellorSessionRoutes {
    private final CounsellorLogin login;
    private final ClientKeys clients;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private final SupervisorBearer supervisors;
    private final HelplineConfig config;

    CounsellorSessionRoutes(CounsellorLogin login, ClientKeys clients, LoginThrottle throttle, SessionStore sessions,
                            SupervisorBearer supervisors, HelplineConfig config) {
        this.login = login;
        this.clients = clients;
        this.throttle = throttle;
        this.sessions = sessions;
        this.supervisors = supervisors;
        this.config = config;
    }

    void login(RoutingContext context) {
        JsonObject body = JsonBody.of(context).orElse(null);
        if (body == null || !(body.getValue("id") instanceof String id) || id.length() > 64
                || !(body.getValue("password") instanceof String password) || password.length() > 1024) {
            HttpErrors.send(context, 400, "invalid", "Send {\"id\": ..., \"password\": ...} as JSON.");
            return;
        }
        // their password is published: from another machine than the server's, a demo account opens nothing
        if (config.counsellor(id).filter(Counsellor::demo).isPresent() && !clients.isLocal(context.request())) {
            HttpErrors.send(context, 403, "demo_local_only",
                    "Demo accounts log in only from the server's own machine (localhost).");
            return;
        }
        clients.of(context.request())
                .compose(client -> throttle.attempt(id, client).compose(admission -> {
                    if (admission instanceof LoginAdmission.Admitted admitted) {
                        return login.verify(id, password, admitted.earlierFailures())
                                .onFailure(notChecked -> throttle.unchecked(id, client))
                                .compose(check -> answer(context, id, client, check));
                    }
                    retryAfter(context, ((LoginAdmission.Refused) admission).retryAfter(), 429, "too_many_attempts",
                            "Too many failed logins: try again later.");
                    return Future.succeededFuture();
                }))
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }

    private Future<Void> answer(RoutingContext context, String id, ClientKey client, PasswordCheck check) {
        switch (check.outcome()) {
            case BUSY -> { // not checked: not a failure, taken back before she is told to try again
                return throttle.unchecked(id, client).transform(takenBack -> {
                    retryAfter(context, Duration.ofSeconds(1), 503, "busy",
                            "Too many logins at once: try again in a moment.");
                    return Future.<Void>succeededFuture();
                });
            }
            case WRONG -> HttpErrors.send(context, 401, "invalid_credentials", "Unknown account or wrong password.");
            case VERIFIED -> {
                Counsellor counsellor = check.counsellor().orElseThrow();
                String token = Secrets.random(32);
                return throttle.succeeded(id, client).compose(forgotten -> sessions.open(token, counsellor))
                        .map(expiresAt -> {
                            context.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                                    .put("token", token)
                                    .put("expiresAt", expiresAt)
                                    .put("idleTimeoutSeconds", config.sessions().idle().toSeconds())
                                    .put("counsellor", new JsonObject().put("id", counsellor.id())
                                            .put("name", counsellor.displayName())
                                            .put("association", counsellor.associationId())
                                            .put("demo", counsellor.demo()))
                                    .encode());
                            return null;
                        });
            }
            default -> throw new IllegalStateException("unhandled outcome " + check.outcome());
        }
        return Future.succeededFuture();
    }

    private static void retryAfter(RoutingContext context, Duration wait, int status, String code, String message) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        context.response().putHeader("Retry-After", Long.toString(seconds));
        HttpErrors.send(context, status, code, message);
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

    /** A supervisor ends every session of a counsellor: their consoles close on every node at once. */
    void revoke(RoutingContext context) {
        String counsellor = context.pathParam("counsellor");
        supervisors.authenticate(context, "Only supervisors may revoke sessions.")
                .compose(who -> {
                    if (who.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    if (counsellor == null || config.counsellor(counsellor).isEmpty()) {
                        HttpErrors.send(context, 404, "unknown_counsellor", "No such counsellor.");
                        return Future.succeededFuture();
                    }
                    return sessions.revokeAll(counsellor).map(count -> {
                        context.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                                .put("status", "revoked").put("sessions", count).encode());
                        return null;
                    });
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }
}
