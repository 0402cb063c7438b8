package org.helpline.support;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The hour of the clock Redis counts a client's chats in (its {@code TIME}: this machine's clock, hours from the
 * epoch). A test that uses up a client's hour and then expects a start refused must not straddle two of them.
 */
public final class CountingHour {
    private CountingHour() {
    }

    /** Waits for the next hour when less than {@code needed} is left of this one. */
    public static void atLeastLeft(Duration needed) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Duration left = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plusHours(1));
        if (left.compareTo(needed) < 0) {
            try {
                Thread.sleep(left.plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
