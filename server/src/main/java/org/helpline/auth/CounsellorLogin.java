package org.helpline.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;

/**
 * Checks a counsellor's password on a small worker pool (the hash is slow on purpose). At most
 * {@code login.pendingChecks} checks wait for or run on the pool; beyond that the answer is {@code BUSY} at once, so a
 * flood of guesses never makes a real login wait behind an unbounded queue. An unknown account costs no hash: its
 * answer comes after the time a real check typically takes (measured), so that timing does not reveal which accounts
 * exist. Opening the session and throttling are the caller's.
 */
public final class CounsellorLogin {
    private final HelplineConfig config;
    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final AtomicInteger pending = new AtomicInteger();
    /** How long a check takes, in ns: an exponential moving average of the checks made. */
    private final AtomicLong typicalNanos;

    public CounsellorLogin(HelplineConfig config, Vertx vertx, WorkerExecutor workers) {
        this.config = config;
        this.vertx = vertx;
        this.workers = workers;
        long start = System.nanoTime();
        Passwords.hash(Secrets.random(16), config.sessions().passwordIterations());
        this.typicalNanos = new AtomicLong(System.nanoTime() - start);
    }

    /** Checks the password of {@code counsellorId}. */
    public Future<PasswordCheck> verify(String counsellorId, String password) {
        Optional<Counsellor> counsellor = config.counsellor(counsellorId);
        if (counsellor.isEmpty()) {
            Promise<PasswordCheck> answer = Promise.promise();
            vertx.setTimer(Math.max(1, typicalNanos.get() / 1_000_000), id -> answer.complete(PasswordCheck.wrong()));
            return answer.future();
        }
        if (pending.incrementAndGet() > config.login().pendingChecks()) {
            pending.decrementAndGet();
            return Future.succeededFuture(PasswordCheck.busy());
        }
        String hash = counsellor.get().passwordHash();
        return workers.executeBlocking(() -> {
            long start = System.nanoTime();
            boolean valid = Passwords.verify(hash, password);
            long took = System.nanoTime() - start;
            typicalNanos.getAndUpdate(typical -> typical - typical / 8 + took / 8);
            return valid;
        }, false)
                .eventually(() -> {
                    pending.decrementAndGet();
                    return Future.succeededFuture();
                })
                .map(valid -> valid ? PasswordCheck.verified(counsellor.get()) : PasswordCheck.wrong());
    }
}
