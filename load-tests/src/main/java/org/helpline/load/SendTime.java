package org.helpline.load;

import java.util.Optional;

/**
 * The times a load message carries in its text, read back by the generator that sent it (one clock): when its send
 * was due by its writer's timer ({@link Pace}) and when the timer actually sent it.
 */
record SendTime(long dueNanos, long sentNanos) {
    private static final String PREFIX = "load ";

    /** The text of a message due at {@code dueNanos} and sent at {@code sentNanos}. */
    String text() {
        return PREFIX + dueNanos + " " + sentNanos;
    }

    /** How late its timer sent it. */
    long lateNanos() {
        return sentNanos - dueNanos;
    }

    /** The times in a message's text, if it is one of the generator's. */
    static Optional<SendTime> of(String text) {
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] times = text.substring(PREFIX.length()).split(" ");
        if (times.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SendTime(Long.parseLong(times[0]), Long.parseLong(times[1])));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
