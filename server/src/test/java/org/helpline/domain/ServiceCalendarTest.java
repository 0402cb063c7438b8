package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The helpline's days in its own time zone: a chat late in the UTC evening falls on the next Paris day, a day starts
 * at local midnight, and the days the clocks change last 23 and 25 hours.
 */
class ServiceCalendarTest {
    private static final ServiceCalendar PARIS = new ServiceCalendar(ZoneId.of("Europe/Paris"));

    @Test
    void aChatAtHalfPastElevenUtcIsCountedOnTheNextParisDay() {
        assertEquals(LocalDate.of(2026, 11, 19), PARIS.day(Instant.parse("2026-11-18T23:30:00Z")), "00:30 in winter");
        assertEquals(LocalDate.of(2026, 7, 15), PARIS.day(Instant.parse("2026-07-14T22:30:00Z")), "00:30 in summer");
        assertEquals(LocalDate.of(2026, 7, 14), PARIS.day(Instant.parse("2026-07-14T21:59:59Z")), "23:59:59");
        assertEquals(LocalDate.of(2026, 11, 18), ServiceCalendar.UTC.day(Instant.parse("2026-11-18T23:30:00Z")),
                "a helpline that set no zone keeps the UTC day");
    }

    @Test
    void aDayRunsFromLocalMidnightToTheNext() {
        LocalDate day = LocalDate.of(2026, 11, 18);
        assertEquals(Instant.parse("2026-11-17T23:00:00Z"), PARIS.start(day));
        assertEquals(Instant.parse("2026-11-18T23:00:00Z"), PARIS.end(day));
        assertEquals(day, PARIS.day(PARIS.start(day)));
        assertEquals(day, PARIS.day(PARIS.end(day).minusNanos(1)));
        assertEquals(day.plusDays(1), PARIS.day(PARIS.end(day)));
        assertEquals(Duration.ofHours(24), PARIS.length(day));
        assertEquals(Instant.parse("2026-11-18T00:00:00Z"), ServiceCalendar.UTC.start(day));
    }

    @Test
    void theDaySummerTimeStartsLasts23HoursAndTheDayItEnds25() {
        LocalDate spring = LocalDate.of(2026, 3, 29);
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), PARIS.start(spring), "midnight, winter time");
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), PARIS.end(spring), "midnight, summer time");
        assertEquals(Duration.ofHours(23), PARIS.length(spring));
        assertEquals(spring, PARIS.day(Instant.parse("2026-03-29T21:59:59Z")));

        LocalDate autumn = LocalDate.of(2026, 10, 25);
        assertEquals(Instant.parse("2026-10-24T22:00:00Z"), PARIS.start(autumn), "midnight, summer time");
        assertEquals(Instant.parse("2026-10-25T23:00:00Z"), PARIS.end(autumn), "midnight, winter time");
        assertEquals(Duration.ofHours(25), PARIS.length(autumn));
        assertEquals(autumn, PARIS.day(Instant.parse("2026-10-25T22:59:59Z")));
        assertEquals(Duration.ofHours(24), ServiceCalendar.UTC.length(autumn));
    }

    @Test
    void aDayWhoseMidnightIsSkippedStartsAtItsFirstHour() {
        // Sao Paulo's summer time began at midnight on 4 November 2018: that day had no 00:00
        ServiceCalendar saoPaulo = new ServiceCalendar(ZoneId.of("America/Sao_Paulo"));
        LocalDate day = LocalDate.of(2018, 11, 4);
        assertEquals(LocalTime.of(1, 0), saoPaulo.start(day).atZone(saoPaulo.zone()).toLocalTime());
        assertEquals(Duration.ofHours(23), saoPaulo.length(day));
        assertEquals(day.minusDays(1), saoPaulo.day(saoPaulo.start(day).minusNanos(1)));
    }
}
