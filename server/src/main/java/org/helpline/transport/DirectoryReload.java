package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Counsellor;
import org.helpline.metrics.EscalationMeters;
import org.helpline.store.SessionStore;

/**
 * {@code POST /api/admin/directory/reload} with a supervisor's bearer token: reads directory.yaml again and swaps it
 * in atomically, or keeps the directory in use and answers 422 with what is wrong in the file. Each node reloads its
 * own copy: call it on every node (or restart them).
 */
final class DirectoryReload {
    private final SessionStore sessions;
    private final HelplineConfig config;
    private final HotlineDirectory directory;
    private final EscalationMeters meters;

    DirectoryReload(SessionStore sessions, HelplineConfig config, HotlineDirectory directory,
                    EscalationMeters meters) {
        this.sessions = sessions;
        this.config = config;
        this.directory = directory;
        this.meters = meters;
    }

    void handle(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            HttpErrors.send(context, 401, "unauthenticated", "Send Authorization: Bearer <supervisor token>.");
            return;
        }
        sessions.touch(header.substring("Bearer ".length()))
                .map(session -> session.flatMap(id -> config.counsellor(id)))
                .compose(who -> {
                    if (who.isEmpty()) {
                        HttpErrors.send(context, 401, "session_expired", "Log in again.");
                        return Future.succeededFuture();
                    }
                    if (!who.map(Counsellor::supervisor).orElse(false)) {
                        HttpErrors.send(context, 403, "not_supervisor", "Only supervisors may reload the directory.");
                        return Future.succeededFuture();
                    }
                    return directory.reload(context.vertx())
                            .onSuccess(loaded -> {
                                meters.reloaded("ok");
                                context.response().putHeader("Content-Type", "application/json")
                                        .end(new JsonObject().put("status", "reloaded")
                                                .put("hotlines", loaded.hotlines().size()).encode());
                            })
                            .recover(failure -> {
                                meters.reloaded("rejected");
                                HttpErrors.send(context, 422, "directory_invalid",
                                        "The directory in use is unchanged. " + failure.getMessage());
                                return Future.succeededFuture();
                            })
                            .mapEmpty();
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }
}
