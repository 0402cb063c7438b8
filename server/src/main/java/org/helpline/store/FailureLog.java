package org.helpline.store;

import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * The one way a failure is logged. Redis being unreachable or slow is expected in operation: a warning naming its
 * class, for the same failure (what failed, and its class) at most once a {@link #REDIS_REPEAT_SILENCE} with the
 * number of repeats since the last one, since an outage fails thousands of frames a second and a line for each would
 * cost the node what it needs to recover and fill its disk. A transcript sealed under a dropped data key
 * ({@link UnreadableTranscript}) is a warning naming the key. Anything else is a bug, and so is a command Redis
 * refused as wrong ({@link #isRefusedAsWrong}; its client is told {@code unavailable} all the same): an error with its
 * stack trace, but with every message withheld, since a message could quote what a visitor wrote; the same one
 * repeating, e.g. on every poll, at most once a {@link #REPEAT_SILENCE}. Repeats not logged as a warning or error are
 * logged at debug.
 */
public final class FailureLog {
    static final Duration REPEAT_SILENCE = Duration.ofMinutes(1);
    static final Duration REDIS_REPEAT_SILENCE = Duration.ofSeconds(10);
    private static final Map<String, Repeats> REPEATS = new ConcurrentHashMap<>();

    private FailureLog() {
    }

    /** Logs {@code failure} of {@code what} (a short phrase with no visitor data) on {@code log}. */
    public static void log(Logger log, String what, Throwable failure) {
        log(log, what, failure, System.nanoTime());
    }

    /** {@link #log(Logger, String, Throwable)} at {@code nowNanos} on {@link System#nanoTime()}'s scale. */
    static void log(Logger log, String what, Throwable failure, long nowNanos) {
        if (isRedisTrouble(failure) && !isRefusedAsWrong(failure)) {
            String cause = rootCause(failure).getClass().getSimpleName();
            if (!warnedIfDue(log, what + ": Redis unavailable (" + cause + ")", ", ", nowNanos)) {
                log.debug("{}: Redis unavailable again ({})", what, cause);
            }
        } else if (failure instanceof UnreadableTranscript) {
            log.warn("{}: {}", what, failure.getMessage()); // names the data key it lacks, never the text
        } else if (dueAt(what + '|' + failure.getClass().getName(), REPEAT_SILENCE, nowNanos).unlogged() >= 0) {
            log.error("{}: unexpected failure", what, withheld(failure));
        } else {
            log.debug("{}: unexpected failure again ({})", what, failure.getClass().getName());
        }
    }

    /**
     * A warning about a condition that may repeat thousands of times a second ({@code what}: a phrase with no visitor
     * data): at once the first time, then at most once a {@link #REDIS_REPEAT_SILENCE} with the count of repeats.
     */
    public static void warnAWhile(Logger log, String what) {
        warnedIfDue(log, what, "; ", System.nanoTime());
    }

    /**
     * Warns {@code line} if it is due (its first time, or {@link #REDIS_REPEAT_SILENCE} after its last warning, then
     * with {@code separator} and the count of the repeats it stands for); whether it did.
     */
    private static boolean warnedIfDue(Logger log, String line, String separator, long nowNanos) {
        Due due = dueAt(line, REDIS_REPEAT_SILENCE, nowNanos);
        if (due.unlogged() == 0) {
            log.warn("{}", line);
        } else if (due.unlogged() > 0) {
            log.warn("{}{}{} more times in the {} s since the last warning", line, separator, due.unlogged(),
                    due.seconds());
        }
        return due.unlogged() >= 0;
    }

    /** The failure's classes and stack traces, its causes' too, without any message. */
    public static Throwable withheld(Throwable failure) {
        return new Withheld(failure);
    }

    /**
     * Whether the failure {@code key} may be logged at {@code nowNanos}, its first time or {@code silence} after its
     * last line: with the number of its repeats not logged since that line and how long ago it was; or
     * {@link Due#NOT_YET} (and it is counted).
     */
    private static Due dueAt(String key, Duration silence, long nowNanos) {
        Due[] due = {Due.FIRST};
        REPEATS.compute(key, (ignored, repeats) -> {
            if (repeats == null) {
                return new Repeats(nowNanos, 0);
            }
            if (nowNanos - repeats.loggedAt() >= silence.toNanos()) {
                due[0] = new Due(repeats.since(), Duration.ofNanos(nowNanos - repeats.loggedAt()).toSeconds());
                return new Repeats(nowNanos, 0);
            }
            due[0] = Due.NOT_YET;
            return new Repeats(repeats.loggedAt(), repeats.since() + 1);
        });
        return due[0];
    }

    /** Whether a line is due: {@code unlogged} -1 if not, else the repeats it stands for, in {@code seconds}. */
    private record Due(long unlogged, long seconds) {
        static final Due FIRST = new Due(0, 0);
        static final Due NOT_YET = new Due(-1, 0);
    }

    /** When a failure was last logged, and how often it came since without a line. */
    private record Repeats(long loggedAt, long since) {
    }

    /** Whether the failure comes from Redis being unreachable, failing or too slow. */
    public static boolean isRedisTrouble(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailable || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Redis refused a command as wrong: a key of the wrong type, or a script that failed (not a refusal of
     * the moment, such as {@code OOM}, {@code READONLY} or {@code LOADING}, even inside a script).
     */
    static boolean isRefusedAsWrong(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null) {
                String reply = cause.getMessage();
                return reply.startsWith("WRONGTYPE") || reply.startsWith("ERR") && reply.contains("user_function");
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
