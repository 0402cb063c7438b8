package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Arrivals and a writer's messages are due on their schedule whatever time the generator's timer ran: a tick that
 * comes late finds several due, each with its own due time, not "now".
 */
class PaceTest {
    @Test
    void eventsAreDueOnTheirScheduleAndCountedByTheTimeElapsed() {
        Pace pace = Pace.perSecond(1_000, 500); // one every 2 ms
        assertEquals(1_000, pace.due(0));
        assertEquals(2_001_000, pace.due(1));
        assertEquals(20_001_000, pace.due(10));
        assertEquals(0, pace.dueBy(999, 100), "none before the first");
        assertEquals(1, pace.dueBy(1_000, 100), "the first at its time");
        assertEquals(1, pace.dueBy(2_000_999, 100));
        assertEquals(2, pace.dueBy(2_001_000, 100));
        assertEquals(11, pace.dueBy(20_500_000, 100), "a tick 20 ms late finds eleven due, each at its own time");
        assertEquals(5, pace.dueBy(20_500_000, 5), "no more than asked for");
        for (long index = 0; index < 11; index++) {
            assertTrue(pace.due(index) <= 20_500_000, "each of them due by then");
        }
    }

    @Test
    void aPeriodsRunsAreDueWholePeriodsAfterTheFirst() {
        Pace writer = new Pace(7_000_000_000L, 5e9); // every 5 s
        assertEquals(7_000_000_000L, writer.due(0));
        assertEquals(67_000_000_000L, writer.due(12), "a minute later, exactly");
        Pace third = Pace.perSecond(0, 3); // 333,333,333.3 ns apart: no drift over many
        assertEquals(1_000_000_000L, third.due(3));
        assertEquals(3_600_000_000_000L, third.due(10_800), "an hour of them, to the nanosecond");
    }
}
