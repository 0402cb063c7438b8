package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;

/**
 * Runs a Redis call that nothing else would repeat, and again after a {@link RetryDelay} while it fails because of
 * Redis (an outage, a timeout) and is still {@code wanted}, for about an hour at most ({@link #TRIES}: a script that
 * fails every time, which Redis's errors cannot tell from an outage, is not tried for ever); a failure no retry would
 * mend, and the last one, is logged once, as {@code what} (a phrase with no visitor data). A call that Redis ran but
 * whose reply was lost runs again: only calls that may (a read, a write that finds its own earlier run) are given
 * here.
 */
final class RedisRetries {
    /** Tries at most: the waits grow to 30 s, so about an hour of them. */
    static final int TRIES = 130;

    private RedisRetries() {
    }

    /** Succeeds once an attempt does; fails once the call is given up (logged) or no longer wanted. */
    static Future<Void> retrying(Vertx vertx, Logger log, String what, Supplier<Future<?>> attempt,
                                 BooleanSupplier wanted) {
        Promise<Void> done = Promise.promise();
        retrying(vertx, log, what, attempt, wanted, RetryDelay.first(), 1, done);
        return done.future();
    }

    private static void retrying(Vertx vertx, Logger log, String what, Supplier<Future<?>> attempt,
                                 BooleanSupplier wanted, RetryDelay retry, int tried, Promise<Void> done) {
        attempt.get().onSuccess(result -> done.tryComplete()).onFailure(failure -> {
            if (!wanted.getAsBoolean()) {
                done.tryFail(failure);
                return;
            }
            if (FailureLog.isRedisTrouble(failure) && tried < TRIES) {
                vertx.setTimer(retry.millis(), id -> {
                    if (wanted.getAsBoolean()) {
                        retrying(vertx, log, what, attempt, wanted, retry.next(), tried + 1, done);
                    } else {
                        done.tryFail(failure);
                    }
                });
            } else {
                FailureLog.log(log, what, failure);
                done.tryFail(failure);
            }
        });
    }
}
