package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starts ramp's open-files budget counts a visitor's socket for as long as it is open: the time her start may
 * take before its step is judged, her stay, and the time from her end to her socket closed, measured (the highest p99
 * so far) or, before any was, the longest the generator waits for {@code ended}.
 */
class RampBudgetTest {
    private final StartsRamp.Settings settings = new StartsRamp.Settings(200, 800, 1000, Duration.ofSeconds(15),
            Duration.ofSeconds(15), Duration.ofMillis(100), 20, Duration.ofSeconds(5), Duration.ofSeconds(60), 19_500);

    @Test
    void aSocketLivesItsStartItsStayAndItsLeaving() {
        assertEquals(Duration.ofMillis(18_050), settings.socketLifetime(Duration.ofMillis(50)));
        assertEquals(18_070, settings.socketsAt(1000, Duration.ofMillis(50)), "1,000 a second for 18.05 s, 20 more");
        assertEquals(28_020, settings.socketsAt(1000, Traffic.LEAVE_WAIT), "nothing measured: the longest wait");
        assertEquals(18_020, settings.socketsAt(1000, Duration.ZERO), "at least: the check before anything runs");
    }

    @Test
    void theLeavingTimeIsTheHighestP99MeasuredElseTheLongestWait() {
        assertEquals(Traffic.LEAVE_WAIT, StartsRamp.leaving(List.of()));
        Latency none = new Latency("a step whose visitors had not left yet");
        assertEquals(Traffic.LEAVE_WAIT, StartsRamp.leaving(List.of(none)));
        Latency quick = new Latency("warm-up");
        Latency slower = new Latency("step at 200/s");
        for (int i = 0; i < 100; i++) {
            quick.record(Duration.ofMillis(20).toNanos());
            slower.record(Duration.ofMillis(40).toNanos());
        }
        Duration leaving = StartsRamp.leaving(List.of(quick, none, slower));
        assertTrue(leaving.compareTo(Duration.ofMillis(40)) >= 0 && leaving.compareTo(Duration.ofMillis(41)) < 0,
                leaving.toString());
    }
}
