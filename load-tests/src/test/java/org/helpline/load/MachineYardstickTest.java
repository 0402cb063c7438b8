package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The yardstick measures this machine: two positive figures, both in the report's line. */
class MachineYardstickTest {
    @Test
    void measuresACoreAndFreshMemory() {
        MachineYardstick yardstick = MachineYardstick.measure();
        assertTrue(yardstick.sha256MillisPer64Megabytes() > 0, yardstick.toString());
        assertTrue(yardstick.firstTouchSecondsPerGigabyte() > 0, yardstick.toString());
        assertTrue(yardstick.describe().matches("one core hashes 64 MB \\(SHA-256\\) in \\d+ ms; memory first "
                + "touched costs \\d+\\.\\d\\d s per GB"), yardstick.describe());
    }
}
