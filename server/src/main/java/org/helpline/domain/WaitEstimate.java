package org.helpline.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * A visitor's estimated wait: their position divided by the recent throughput (chats taken by counsellors within
 * {@link #WINDOW}). Unknown when nobody took a chat in that window.
 */
public final class WaitEstimate {
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private WaitEstimate() {
    }

    /** {@code position} is one-based; {@code takenInWindow} the chats assigned within {@link #WINDOW}. */
    public static Optional<Duration> of(long position, long takenInWindow) {
        if (takenInWindow <= 0) {
            return Optional.empty();
        }
        double perSecond = takenInWindow / (double) WINDOW.toSeconds();
        return Optional.of(Duration.ofSeconds(Math.round(position / perSecond)));
    }
}
