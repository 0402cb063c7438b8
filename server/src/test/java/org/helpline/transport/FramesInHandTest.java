package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helpline.support.CapturedLogs;
import org.junit.jupiter.api.Test;

class FramesInHandTest {

    @Test
    void aPlaceIsRefusedPastTheBoundAndFreedWhenGivenBack() {
        try (CapturedLogs logs = new CapturedLogs()) {
            FramesInHand frames = new FramesInHand("Test frames", 2);
            assertTrue(frames.tryTake());
            assertTrue(frames.tryTake());
            for (int i = 0; i < 100; i++) {
                assertFalse(frames.tryTake(), "past the bound");
            }
            assertEquals(2, frames.held(), "a refusal takes nothing");
            frames.giveBack(1);
            assertTrue(frames.tryTake(), "a place given back is taken again");
            assertEquals(1, logs.lines().stream().filter(line -> line.contains("Test frames: answered unavailable"))
                    .count(), "100 refusals, one warning: " + logs.lines());
        }
    }
}
