package org.helpline.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When an association takes chats: always, or weekly ranges of local time in its time zone (a range may cross
 * midnight, e.g. 20:00-08:00, and then belongs to the day it starts). Daylight-saving changes follow from the zone.
 */
public final class OpeningHours {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<TimeRange>> weekly;

    private OpeningHours(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly) {
        this.zone = zone;
        this.weekly = weekly;
    }

    public static OpeningHours always() {
        return new OpeningHours(ZoneId.of("UTC"), null);
    }

    public static OpeningHours weekly(ZoneId zone, Map<DayOfWeek, List<TimeRange>> ranges) {
        Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        ranges.forEach((day, list) -> copy.put(day, List.copyOf(list)));
        return new OpeningHours(zone, copy);
    }

    public boolean isAlways() {
        return weekly == null;
    }

    public boolean isOpen(Instant instant) {
        if (weekly == null) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        for (TimeRange range : weekly.getOrDefault(local.getDayOfWeek(), List.of())) {
            if (range.crossesMidnight() ? !time.isBefore(range.from()) : range.contains(time)) {
                return true;
            }
        }
        for (TimeRange range : weekly.getOrDefault(local.getDayOfWeek().minus(1), List.of())) {
            if (range.crossesMidnight() && time.isBefore(range.to())) {
                return true;
            }
        }
        return false;
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
