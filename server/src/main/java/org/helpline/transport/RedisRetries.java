package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;

/**
 * Runs a Redis call that nothing else would repeat, and again after a {@link RetryDelay} while it fails because of
 * Redis (an outage, a timeout) and is still {@code wanted}; a failure no retry would mend is logged once, as
 * {@code what} (a phrase with no visitor data). A call that Redis ran but whose reply was lost runs again: only calls
 * that may (a read, an entry that says the same twice) are given here.
 */
final class RedisRetries {
    private RedisRetries() {
    }

    static void retrying(Vertx vertx, Logger log, String what, Supplier<Future<?>> attempt, BooleanSupplier wanted) {
        retrying(vertx, log, what, attempt, wanted, RetryDelay.first());
    }

    private static void retrying(Vertx vertx, Logger log, String what, Supplier<Future<?>> attempt,
                                 BooleanSupplier wanted, RetryDelay retry) {
        attempt.get().onFailure(failure -> {
            if (!wanted.getAsBoolean()) {
                return;
            }
            if (FailureLog.isRedisTrouble(failure)) {
                vertx.setTimer(retry.millis(), id -> {
                    if (wanted.getAsBoolean()) {
                        retrying(vertx, log, what, attempt, wanted, retry.next());
                    }
                });
            } else {
                FailureLog.log(log, what, failure);
            }
        });
    }
}
