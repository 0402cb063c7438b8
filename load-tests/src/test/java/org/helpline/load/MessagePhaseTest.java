package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Steady's throughput is the message phase's messages over the message phase's own seconds, the window its costs are
 * read over: not every message of the run (the arrivals' and the drain's too) over the sending time alone.
 */
class MessagePhaseTest {
    @Test
    void relayedPerSecondIsTheMessagesOfTheWindowOverItsSeconds() {
        ServerProbe.Reading before = new ServerProbe.Reading(100, 1, 1, 0, false, 1, 10, 10, Map.of());
        ServerProbe.Reading after = new ServerProbe.Reading(163, 20, 5, 0, false, 9, 9_000, 900, Map.of());
        Scenarios.Phase phase = new Scenarios.Phase(after.since(before), 25_200);
        assertEquals(400, phase.relayedPerSecond(), 1e-9, "25,200 messages over 63 s (60 s of sends, the drain)");
        assertEquals(-1, Scenarios.Phase.NONE.relayedPerSecond(), "no message phase: no figure");
    }
}
