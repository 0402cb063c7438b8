package org.helpline.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When an association or a hotline is open: always, or weekly ranges of local time in its time zone (a range may
 * cross midnight, e.g. 20:00-08:00, and then belongs to the day it starts). On public holidays the holiday ranges
 * replace the day's own (none: closed). Daylight-saving changes follow from the zone.
 */
public final class OpeningHours {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<TimeRange>> weekly;
    private final Set<LocalDate> holidays;
    private final List<TimeRange> holidayRanges;

    private OpeningHours(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays,
                         List<TimeRange> holidayRanges) {
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = Set.copyOf(holidays);
        this.holidayRanges = List.copyOf(holidayRanges);
    }

    public static OpeningHours always() {
        return new OpeningHours(ZoneId.of("UTC"), null, Set.of(), List.of());
    }

    public static OpeningHours weekly(ZoneId zone, Map<DayOfWeek, List<TimeRange>> ranges) {
        Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        ranges.forEach((day, list) -> copy.put(day, List.copyOf(list)));
        return new OpeningHours(zone, copy, Set.of(), List.of());
    }

    /** The same hours, with these dates (local) as public holidays open only during {@code ranges}. */
    public OpeningHours withHolidays(Set<LocalDate> dates, List<TimeRange> ranges) {
        return new OpeningHours(zone, weekly, dates, ranges);
    }

    public boolean isOpen(Instant instant) {
        if (weekly == null) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate today = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        for (TimeRange range : rangesOf(today)) {
            if (range.crossesMidnight() ? !time.isBefore(range.from()) : range.contains(time)) {
                return true;
            }
        }
        for (TimeRange range : rangesOf(today.minusDays(1))) {
            if (range.crossesMidnight() && time.isBefore(range.to())) {
                return true;
            }
        }
        return false;
    }

    private List<TimeRange> rangesOf(LocalDate date) {
        return holidays.contains(date) ? holidayRanges : weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** A range of local time; {@code to} before {@code from} means it ends the next day. */
    public record TimeRange(LocalTime from, LocalTime to) {
        public boolean crossesMidnight() {
            return to.isBefore(from) || to.equals(from);
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }
}
