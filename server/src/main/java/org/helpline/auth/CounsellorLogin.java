package org.helpline.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;

/**
 * Checks a counsellor's password on a small worker pool (the hash is slow on purpose). At most
 * {@code login.pendingChecks} checks wait for or run on the pool; beyond that the answer is {@code BUSY} at once, so a
 * flood of guesses never makes a real login wait behind an unbounded queue. The waiting checks are ordered by
 * suspicion (the recent failures of their account and client key): a counsellor's own login, with none, is checked
 * next, and when the queue is full it takes the place of the most suspicious waiting guess, which is answered busy.
 * One worker is kept for clean checks (fewer failures than {@code login.freeFailures}), so such a login does not wait
 * for a guess's hash to finish. An unknown account costs no hash: its answer comes after the time a real check
 * typically takes (measured), and it is answered busy exactly when a check of the same suspicion would be, so neither
 * timing nor busy answers reveal which accounts exist. Opening the session and throttling are the caller's.
 */
public final class CounsellorLogin {
    private static final int WARM_UP_HASHES = 3;
    private final HelplineConfig config;
    private final Vertx vertx;
    private final WorkerExecutor workers;
    /** How long a check takes, in ns: an exponential moving average of the checks made. */
    private final AtomicLong typicalNanos;
    private final PriorityQueue<Check> waiting = new PriorityQueue<>(Comparator.comparingLong(Check::suspicion)
            .thenComparingLong(Check::arrival));
    private final Lane any;
    private final Lane clean;
    private long arrivals;

    /** {@code workerCount}: the threads of {@code workers}; one of them is kept for clean checks when there are two. */
    public CounsellorLogin(HelplineConfig config, Vertx vertx, WorkerExecutor workers, int workerCount) {
        this.config = config;
        this.vertx = vertx;
        this.workers = workers;
        this.any = new Lane(Math.max(1, workerCount - 1));
        this.clean = new Lane(workerCount - any.workers);
        this.typicalNanos = new AtomicLong(timedHash());
        // the first hash ran cold (code not yet compiled) and takes twice a real check's time: an unknown account
        // answered that late would stand out from the first logins after a start; warmed hashes set the measure
        workers.<Long>executeBlocking(() -> {
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < WARM_UP_HASHES; i++) {
                fastest = Math.min(fastest, timedHash());
            }
            return fastest;
        }, false).onSuccess(typicalNanos::set);
    }

    /** How long one hash of a random password takes now, in ns. */
    private long timedHash() {
        long start = System.nanoTime();
        Passwords.hash(Secrets.random(16), config.sessions().passwordIterations());
        return System.nanoTime() - start;
    }

    /** One password waiting for a worker, answered on the context of the request that asked. */
    private record Check(Counsellor counsellor, String password, long suspicion, long arrival, Context context,
                         Promise<PasswordCheck> answer) {
        void complete(PasswordCheck check) {
            context.runOnContext(v -> answer.complete(check));
        }
    }

    /** Workers that serve any check, or only clean ones; guarded by the lock on {@code waiting}. */
    private static final class Lane {
        private final int workers;
        private int running;

        Lane(int workers) {
            this.workers = workers;
        }

        boolean free() {
            return running < workers;
        }
    }

    /**
     * Checks the password of {@code counsellorId}; {@code suspicion} orders the waiting checks (fewer recent failures
     * first). Call it on a Vert.x context: the answer comes back on it.
     */
    public Future<PasswordCheck> verify(String counsellorId, String password, long suspicion) {
        Optional<Counsellor> counsellor = config.counsellor(counsellorId);
        if (counsellor.isEmpty()) {
            if (wouldBeRefused(suspicion)) {
                return Future.succeededFuture(PasswordCheck.busy());
            }
            Promise<PasswordCheck> answer = Promise.promise();
            vertx.setTimer(Math.max(1, typicalNanos.get() / 1_000_000), id -> answer.complete(PasswordCheck.wrong()));
            return answer.future();
        }
        Promise<PasswordCheck> answer = Promise.promise();
        Check refused = null;
        Check start = null;
        Lane lane = null;
        synchronized (waiting) {
            Check check = new Check(counsellor.get(), password, suspicion, arrivals++, vertx.getOrCreateContext(),
                    answer);
            Place place = placeFor(suspicion);
            switch (place) {
                case ANY_WORKER, CLEAN_WORKER -> {
                    lane = place == Place.ANY_WORKER ? any : clean;
                    lane.running++;
                    start = check;
                }
                case QUEUE -> waiting.add(check);
                case INSTEAD_OF_A_GUESS -> {
                    refused = mostSuspicious();
                    waiting.remove(refused);
                    waiting.add(check);
                }
                case NONE -> refused = check;
                default -> throw new IllegalStateException("unhandled place");
            }
        }
        if (refused != null) {
            refused.complete(PasswordCheck.busy());
        }
        if (start != null) {
            run(start, lane);
        }
        return answer.future();
    }

    /**
     * Where a check goes: a free worker (of any check, or of clean ones), the queue, the place of a more suspicious
     * waiting one, or nowhere (busy).
     */
    private enum Place { ANY_WORKER, CLEAN_WORKER, QUEUE, INSTEAD_OF_A_GUESS, NONE }

    /** Where a check of this suspicion would go now; the caller holds the lock on {@code waiting}. */
    private Place placeFor(long suspicion) {
        boolean room = any.running + clean.running + waiting.size() < config.login().pendingChecks();
        if (room && any.free()) {
            return Place.ANY_WORKER;
        }
        if (room && clean.free() && isClean(suspicion)) {
            return Place.CLEAN_WORKER;
        }
        if (room) {
            return Place.QUEUE;
        }
        Check worst = mostSuspicious();
        return worst != null && worst.suspicion() > suspicion ? Place.INSTEAD_OF_A_GUESS : Place.NONE;
    }

    private boolean isClean(long suspicion) {
        return suspicion < config.login().freeFailures();
    }

    /** Whether a check of this suspicion would be answered busy now. */
    private boolean wouldBeRefused(long suspicion) {
        synchronized (waiting) {
            return placeFor(suspicion) == Place.NONE;
        }
    }

    private Check mostSuspicious() {
        return waiting.stream().max(waiting.comparator()).orElse(null);
    }

    private void run(Check check, Lane lane) {
        check.context().runOnContext(v -> workers.executeBlocking(() -> {
            long start = System.nanoTime();
            boolean valid = Passwords.verify(check.counsellor().passwordHash(), check.password());
            long took = System.nanoTime() - start;
            typicalNanos.getAndUpdate(typical -> typical - typical / 8 + took / 8);
            return valid;
        }, false).onComplete(result -> {
            if (result.failed()) {
                check.answer().fail(result.cause());
            } else {
                check.answer().complete(result.result() ? PasswordCheck.verified(check.counsellor())
                        : PasswordCheck.wrong());
            }
            Check next;
            synchronized (waiting) {
                Check head = waiting.peek();
                next = head != null && (lane == any || isClean(head.suspicion())) ? waiting.poll() : null;
                if (next == null) {
                    lane.running--;
                }
            }
            if (next != null) {
                run(next, lane);
            }
        }));
    }
}
