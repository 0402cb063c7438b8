package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryDelayTest {

    @Test
    void doublesFromOneSecondUpToThirty() {
        RetryDelay retry = RetryDelay.first();
        long[] delays = new long[7];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = retry.delay().toSeconds();
            retry = retry.next();
        }
        assertEquals("[1, 2, 4, 8, 16, 30, 30]", Arrays.toString(delays));
    }

    @Test
    void consolesFailedTogetherDoNotTryAgainTogether() {
        RetryDelay retry = new RetryDelay(Duration.ofSeconds(4));
        LongSummaryStatistics waits = LongStream.range(0, 2_000).map(i -> retry.millis()).summaryStatistics();

        assertTrue(waits.getMin() >= 2_000 && waits.getMax() <= 4_000, "within half the delay and all of it: " + waits);
        assertTrue(waits.getMin() < 2_200 && waits.getMax() > 3_800, "spread over that range: " + waits);
        assertTrue(LongStream.range(0, 2_000).map(i -> retry.millis()).distinct().count() > 1_000,
                "2,000 consoles pick well over 1,000 different instants");
    }
}
