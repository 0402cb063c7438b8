package org.helpline.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.helpline.store.StoreUnavailable;
import org.helpline.store.UnreadableTranscript;
import org.slf4j.Logger;

/**
 * The one way a failure is logged. Redis being unreachable or slow is expected in operation: a warning naming its
 * class; so is a transcript sealed under a dropped data key ({@link UnreadableTranscript}: a warning naming the key).
 * Anything else is a bug: an error with its stack trace, but with every message withheld, since a message could quote
 * what a visitor wrote. The same failure (what failed, and its class) repeating, e.g. on every poll, is logged with
 * its stack trace at most once a {@link #REPEAT_SILENCE}; the repeats in between at debug level.
 */
public final class FailureLog {
    static final Duration REPEAT_SILENCE = Duration.ofMinutes(1);
    private static final Map<String, Long> LAST_LOGGED = new ConcurrentHashMap<>();

    private FailureLog() {
    }

    /** Logs {@code failure} of {@code what} (a short phrase with no visitor data) on {@code log}. */
    public static void log(Logger log, String what, Throwable failure) {
        if (isRedisTrouble(failure)) {
            log.warn("{}: Redis unavailable ({})", what, rootCause(failure).getClass().getSimpleName());
        } else if (failure instanceof UnreadableTranscript) {
            log.warn("{}: {}", what, failure.getMessage()); // names the data key it lacks, never the text
        } else if (firstInAWhile(what + '|' + failure.getClass().getName())) {
            log.error("{}: unexpected failure", what, withheld(failure));
        } else {
            log.debug("{}: unexpected failure again ({})", what, failure.getClass().getName());
        }
    }

    /** The failure's classes and stack traces, its causes' too, without any message. */
    static Throwable withheld(Throwable failure) {
        return new Withheld(failure);
    }

    private static boolean firstInAWhile(String key) {
        long now = System.nanoTime();
        Long previous = LAST_LOGGED.get(key);
        if (previous != null && now - previous < REPEAT_SILENCE.toNanos()) {
            return false;
        }
        LAST_LOGGED.put(key, now);
        return true;
    }

    /** Whether the failure comes from Redis being unreachable, failing or too slow. */
    static boolean isRedisTrouble(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailable || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure's class and stack trace, and its causes', with the messages withheld. */
    private static final class Withheld extends Throwable {
        Withheld(Throwable original) {
            super(original.getClass().getName() + " (message withheld)", causeOf(original), false, true);
            setStackTrace(original.getStackTrace());
        }

        private static Throwable causeOf(Throwable original) {
            Throwable cause = original.getCause();
            return cause == null || cause == original ? null : new Withheld(cause);
        }
    }
}
