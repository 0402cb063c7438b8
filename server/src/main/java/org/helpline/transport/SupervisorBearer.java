package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.store.SessionStore;

/** Who makes a supervisor's HTTP request: the account of its {@code Authorization: Bearer} session token. */
final class SupervisorBearer {
    private final SessionStore sessions;
    private final HelplineConfig config;

    SupervisorBearer(SessionStore sessions, HelplineConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /**
     * The supervisor behind the request; empty when it has no live supervisor session, the refusal (401
     * {@code unauthenticated} or {@code session_expired}, 403 {@code not_supervisor}) then already answered.
     */
    Future<Optional<Counsellor>> authenticate(RoutingContext context, String refusal) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            HttpErrors.send(context, 401, "unauthenticated", "Send Authorization: Bearer <supervisor token>.");
            return Future.succeededFuture(Optional.empty());
        }
        return sessions.touch(header.substring("Bearer ".length()))
                .map(session -> session.flatMap(live -> config.counsellor(live.counsellorId())))
                .map(who -> {
                    if (who.isEmpty()) {
                        HttpErrors.send(context, 401, "session_expired", "Log in again.");
                    } else if (!who.get().supervisor()) {
                        HttpErrors.send(context, 403, "not_supervisor", refusal);
                        return Optional.empty();
                    }
                    return who;
                });
    }
}
