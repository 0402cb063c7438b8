package org.helpline.auth;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.store.SessionStore;

/**
 * Checks a counsellor's password on a small worker pool (the hash is slow on purpose) and opens a session. An unknown
 * account is checked against a dummy hash so that timing does not reveal which accounts exist.
 */
public final class CounsellorLogin {
    private final HelplineConfig config;
    private final WorkerExecutor workers;
    private final SessionStore sessions;
    private final String dummyHash;

    public CounsellorLogin(HelplineConfig config, WorkerExecutor workers, SessionStore sessions) {
        this.config = config;
        this.workers = workers;
        this.sessions = sessions;
        this.dummyHash = Passwords.hash(Secrets.random(16), config.sessions().passwordIterations());
    }

    /** An open session, or empty when the id or password is wrong. */
    public Future<Optional<OpenedSession>> login(String counsellorId, String password) {
        Optional<Counsellor> counsellor = config.counsellor(counsellorId);
        String hash = counsellor.map(Counsellor::passwordHash).orElse(dummyHash);
        return workers.executeBlocking(() -> Passwords.verify(hash, password), false)
                .compose(valid -> {
                    if (!valid || counsellor.isEmpty()) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    String token = Secrets.random(32);
                    return sessions.open(token, counsellor.get().id())
                            .map(expiresAt -> Optional.of(new OpenedSession(token, counsellor.get(), expiresAt)));
                });
    }

    public record OpenedSession(String token, Counsellor counsellor, long expiresAt) {
    }
}
