package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The starts ramp's CPU per start divides all of its window's CPU by its starts: the chat ends asked in that window,
 * which move with {@code --stay} and {@code --hold}, are given beside them, counted between the two readings.
 */
class RampEndsTest {
    @Test
    void theEndsOfTheWindowAreThoseAskedBetweenItsReadings() {
        StartsRamp.Ends before = new StartsRamp.Ends(3_000, 120); // the warm-up's
        StartsRamp.Ends after = new StartsRamp.Ends(9_000, 400);
        assertEquals(new StartsRamp.Ends(6_000, 280), after.since(before));
    }
}
