package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static OpeningHours.TimeRange range(int from, int to) {
        return new OpeningHours.TimeRange(LocalTime.of(from, 0), LocalTime.of(to, 0));
    }

    @Test
    void officeHoursInTheAssociationsZone() {
        OpeningHours hours = OpeningHours.weekly(PARIS, Map.of(DayOfWeek.WEDNESDAY, List.of(range(9, 17))));
        assertTrue(hours.isOpen(Instant.parse("2026-11-18T08:00:00Z")), "09:00 Paris (UTC+1)");
        assertFalse(hours.isOpen(Instant.parse("2026-11-18T07:59:00Z")), "08:59 Paris");
        assertFalse(hours.isOpen(Instant.parse("2026-11-18T16:00:00Z")), "17:00 Paris: closed");
        assertFalse(hours.isOpen(Instant.parse("2026-11-19T10:00:00Z")), "Thursday is not listed");
    }

    @Test
    void aNightRangeCrossesMidnightAndBelongsToTheDayItStarts() {
        OpeningHours nights = OpeningHours.weekly(PARIS, Map.of(DayOfWeek.FRIDAY, List.of(range(20, 8))));
        assertTrue(nights.isOpen(Instant.parse("2026-11-20T22:00:00Z")), "Friday 23:00");
        assertTrue(nights.isOpen(Instant.parse("2026-11-21T05:00:00Z")), "Saturday 06:00");
        assertFalse(nights.isOpen(Instant.parse("2026-11-21T08:00:00Z")), "Saturday 09:00");
        assertFalse(nights.isOpen(Instant.parse("2026-11-20T05:00:00Z")), "Friday 06:00 belongs to Thursday");
    }

    @Test
    void daylightSavingFollowsTheZone() {
        OpeningHours hours = OpeningHours.weekly(PARIS, Map.of(DayOfWeek.MONDAY, List.of(range(9, 10))));
        assertTrue(hours.isOpen(Instant.parse("2026-03-23T08:30:00Z")), "winter: 09:30 Paris is 08:30 UTC");
        assertTrue(hours.isOpen(Instant.parse("2026-03-30T07:30:00Z")), "summer: 09:30 Paris is 07:30 UTC");
        assertFalse(hours.isOpen(Instant.parse("2026-03-30T08:30:00Z")), "summer: 10:30 Paris");
    }

    @Test
    void publicHolidaysCloseOrUseTheirOwnHours() {
        OpeningHours weekdays = OpeningHours.weekly(PARIS, Map.of(DayOfWeek.FRIDAY, List.of(range(9, 17))));
        LocalDate christmas = LocalDate.of(2026, 12, 25);
        OpeningHours closed = weekdays.withHolidays(Set.of(christmas), List.of());
        OpeningHours shortDay = weekdays.withHolidays(Set.of(christmas), List.of(range(10, 12)));
        Instant christmasAt11 = Instant.parse("2026-12-25T10:00:00Z");
        assertTrue(weekdays.isOpen(christmasAt11), "an ordinary Friday");
        assertFalse(closed.isOpen(christmasAt11), "closed on the holiday");
        assertTrue(shortDay.isOpen(christmasAt11), "holiday hours 10-12");
        assertFalse(shortDay.isOpen(Instant.parse("2026-12-25T12:00:00Z")), "13:00 Paris on the holiday");
        assertTrue(closed.isOpen(Instant.parse("2026-12-18T10:00:00Z")), "the Friday before is an ordinary day");
    }

    @Test
    void theSameInstantIsOpenInOneZoneAndClosedInAnother() {
        Map<DayOfWeek, List<OpeningHours.TimeRange>> nineToFive = Map.of(DayOfWeek.MONDAY, List.of(range(9, 17)));
        Instant mondayEightUtc = Instant.parse("2026-11-16T08:30:00Z");
        assertTrue(OpeningHours.weekly(PARIS, nineToFive).isOpen(mondayEightUtc), "09:30 in Paris");
        assertFalse(OpeningHours.weekly(ZoneId.of("Europe/London"), nineToFive).isOpen(mondayEightUtc),
                "08:30 in London");
    }

    @Test
    void alwaysIsAlwaysOpen() {
        assertTrue(OpeningHours.always().isOpen(Instant.parse("2026-12-25T03:00:00Z")));
    }
}
