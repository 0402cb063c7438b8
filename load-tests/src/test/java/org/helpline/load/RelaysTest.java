package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A relay is timed from when its send was due, so a generator late to send does not hide its delay; the message
 * phase's messages are also timed from their actual send, with how late the timers sent them.
 */
class RelaysTest {
    private static final long MILLI = 1_000_000;

    @Test
    void aLateSendIsTimedFromWhenItWasDue() {
        Relays relays = new Relays();
        long now = System.nanoTime();
        // due 50 ms ago, sent 10 ms ago: the generator's timer ran 40 ms late
        relays.delivered(new SendTime(now - 50 * MILLI, now - 10 * MILLI).text(), true);
        assertEquals(1, relays.visitorToCounsellor.histogram().getTotalCount());
        assertTrue(relays.visitorToCounsellor.maxMillis() >= 50, "its lateness included");
        assertEquals(0, relays.visitorToCounsellorInMessagePhase.histogram().getTotalCount(), "no message phase yet");
        relays.delivered("not one of ours", true);
        assertEquals(1, relays.visitorToCounsellor.histogram().getTotalCount(), "other texts are not timed");
    }

    @Test
    void theMessagePhaseTimesItsMessagesBothWaysAndTheTimersLateness() throws InterruptedException {
        Relays relays = new Relays();
        long before = System.nanoTime() - 1;
        relays.messagePhaseStarts();
        long phase = System.nanoTime();
        relays.delivered(new SendTime(before, before).text(), false); // due before the phase: the whole run's only
        Thread.sleep(30);
        String text = relays.sending(phase + 5 * MILLI); // due in the phase, sent some 25 ms late
        relays.delivered(text, false);
        assertEquals(2, relays.counsellorToVisitor.histogram().getTotalCount());
        assertEquals(1, relays.counsellorToVisitorInMessagePhase.histogram().getTotalCount());
        assertEquals(1, relays.fromActualSendInMessagePhase.histogram().getTotalCount());
        assertEquals(1, relays.sendLatenessInMessagePhase.histogram().getTotalCount());
        assertTrue(relays.sendLatenessInMessagePhase.maxMillis() >= 20, "the timer's lateness");
        assertTrue(relays.counsellorToVisitorInMessagePhase.maxMillis() >= 20, "in the relay from its due time");
        assertTrue(relays.fromActualSendInMessagePhase.maxMillis() < relays.counsellorToVisitorInMessagePhase
                .maxMillis(), "and not in the relay from its actual send");
    }
}
