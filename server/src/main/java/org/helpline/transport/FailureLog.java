package org.helpline.transport;

import java.util.concurrent.TimeoutException;
import org.helpline.store.StoreUnavailable;
import org.slf4j.Logger;

/**
 * The one way a failure is logged. Redis being unreachable or slow is expected in operation: a warning naming its
 * class. Anything else is a bug: an error, once, with its stack trace, but with every message withheld, since a
 * message could quote what a visitor wrote.
 */
public final class FailureLog {
    private FailureLog() {
    }

    /** Logs {@code failure} of {@code what} (a short phrase with no visitor data) on {@code log}. */
    public static void log(Logger log, String what, Throwable failure) {
        if (isRedisTrouble(failure)) {
            log.warn("{}: Redis unavailable ({})", what, rootCause(failure).getClass().getSimpleName());
        } else {
            log.error("{}: unexpected failure", what, new Withheld(failure));
        }
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

    /** A failure's class and stack trace, and its causes', without their messages. */
    private static final class Withheld extends Throwable {
        private final String type;

        Withheld(Throwable original) {
            super(null, null, false, true);
            this.type = original.getClass().getName();
            setStackTrace(original.getStackTrace());
            Throwable cause = original.getCause();
            if (cause != null && cause != original) {
                initCause(new Withheld(cause));
            }
        }

        @Override
        public String toString() {
            return type + " (message withheld)";
        }
    }
}
