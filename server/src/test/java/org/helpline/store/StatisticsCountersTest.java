package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.helpline.domain.ServiceCalendar;
import org.junit.jupiter.api.Test;

/**
 * The counters a chat's end and its outcome tags go to are those of the helpline's day, and the observatory's are kept
 * {@code keepDays} after that day is over, whatever its length.
 */
class StatisticsCountersTest {
    private static final Duration KEPT = Duration.ofDays(400);
    private static final StatisticsCounters PARIS = new StatisticsCounters(Duration.ofMinutes(1), KEPT,
            new ServiceCalendar(ZoneId.of("Europe/Paris")));
    private static final StatisticsCounters UTC = new StatisticsCounters(Duration.ofMinutes(1), KEPT,
            ServiceCalendar.UTC);

    @Test
    void aChatEndingAtHalfPastElevenUtcGoesToTheNextParisDaysCounters() {
        Instant at = Instant.parse("2026-11-18T23:30:00Z");
        assertEquals("hl:stats:day:2026-11-19", PARIS.key(at));
        assertEquals("hl:stats:outcomes:2026-11-19", PARIS.outcomeCounts(at));
        assertEquals("hl:stats:endings:2026-11-19", PARIS.endingCounts(at));
        assertEquals("hl:stats:day:2026-11-18", UTC.key(at), "the keys of a helpline that set no zone stay");
        assertEquals("hl:stats:endings:2026-11-18", UTC.endingCounts(at));
    }

    @Test
    void theObservatorysCountersAreKeptKeepDaysAfterTheirDayIsOver() {
        assertEquals(KEPT.plusMinutes(30).toSeconds(), PARIS.keptSeconds(Instant.parse("2026-11-18T22:30:00Z")),
                "23:30 in Paris: the day is over in half an hour");
        assertEquals(KEPT.plusHours(25).toSeconds(), PARIS.keptSeconds(Instant.parse("2026-10-24T22:00:00Z")),
                "at midnight of the day of 25 hours");
        assertEquals(KEPT.plusHours(23).toSeconds(), PARIS.keptSeconds(Instant.parse("2026-03-28T23:00:00Z")),
                "at midnight of the day of 23 hours");
        assertEquals(KEPT.plusMinutes(30).toSeconds(), UTC.keptSeconds(Instant.parse("2026-11-18T23:30:00Z")));
    }
}
