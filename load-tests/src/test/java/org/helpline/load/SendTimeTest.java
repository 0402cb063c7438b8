package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A load message's text carries when it was due and when it was sent, and nothing else is taken for one. */
class SendTimeTest {
    @Test
    void theTimesTravelInTheTextAndComeBack() {
        SendTime time = new SendTime(1_000_000, 1_250_000);
        assertEquals("load 1000000 1250000", time.text());
        assertEquals(Optional.of(time), SendTime.of(time.text()));
        assertEquals(250_000, time.lateNanos());
    }

    @Test
    void otherTextsAreNotLoadMessages() {
        assertTrue(SendTime.of("Bonjour").isEmpty());
        assertTrue(SendTime.of("load 12").isEmpty(), "one time only");
        assertTrue(SendTime.of("load x y").isEmpty());
    }
}
