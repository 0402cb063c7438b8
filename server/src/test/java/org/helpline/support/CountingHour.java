package org.helpline.support;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hour of the clock Redis counts a client's (and a network's) chats in: its {@code TIME}, this machine's clock,
 * hours from the epoch. A test that uses up such an hour and then expects a start refused or queued behind must not
 * straddle two of them: with {@code @ExtendWith(CountingHour.class)} on its class or method, each test first waits for
 * the next hour when less than {@link #NEEDED} is left of this one (the longest such test takes a browser's 20 s).
 */
public final class CountingHour implements BeforeEachCallback {
    private static final Duration NEEDED = Duration.ofMinutes(2);

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Duration left = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plusHours(1));
        if (left.compareTo(NEEDED) < 0) {
            Thread.sleep(left.plusSeconds(1).toMillis());
        }
    }
}
