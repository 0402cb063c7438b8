package org.helpline.auth;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;

/**
 * Checks a counsellor's password on a small worker pool (the hash is slow on purpose). An unknown account is checked
 * against a dummy hash so that timing does not reveal which accounts exist. Opening the session is the caller's.
 */
public final class CounsellorLogin {
    private final HelplineConfig config;
    private final WorkerExecutor workers;
    private final String dummyHash;

    public CounsellorLogin(HelplineConfig config, WorkerExecutor workers) {
        this.config = config;
        this.workers = workers;
        this.dummyHash = Passwords.hash(Secrets.random(16), config.sessions().passwordIterations());
    }

    /** The counsellor whose id and password these are, or empty when either is wrong. */
    public Future<Optional<Counsellor>> verify(String counsellorId, String password) {
        Optional<Counsellor> counsellor = config.counsellor(counsellorId);
        String hash = counsellor.map(Counsellor::passwordHash).orElse(dummyHash);
        return workers.executeBlocking(() -> Passwords.verify(hash, password), false)
                .map(valid -> valid ? counsellor : Optional.empty());
    }
}
