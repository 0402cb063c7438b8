package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.store.SessionStore;

/**
 * An HTTP request that only a supervisor may make, with their session's bearer token: the supervisor it comes from, or
 * empty once it has been answered with 401 (no or expired session) or 403 (not a supervisor).
 */
final class SupervisorRequest {
    private final SessionStore sessions;
    private final HelplineConfig config;

    SupervisorRequest(SessionStore sessions, HelplineConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /** The supervisor making the request; {@code forbidden} says what a counsellor who is not one may not do. */
    Future<Optional<Counsellor>> supervisor(RoutingContext context, String forbidden) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            HttpErrors.send(context, 401, "unauthenticated", "Send Authorization: Bearer <supervisor token>.");
            return Future.succeededFuture(Optional.empty());
        }
        return sessions.touch(header.substring("Bearer ".length()))
                .map(session -> session.flatMap(id -> config.counsellor(id)))
                .map(who -> {
                    if (who.isEmpty()) {
                        HttpErrors.send(context, 401, "session_expired", "Log in again.");
                    } else if (!who.get().supervisor()) {
                        HttpErrors.send(context, 403, "not_supervisor", forbidden);
                        return Optional.empty();
                    }
                    return who;
                });
    }
}
