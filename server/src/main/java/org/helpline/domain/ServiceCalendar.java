package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The helpline's calendar: the days its statistics are counted by (the observatory's, the outcome and ending counters)
 * and the supervisors' "today", in the time zone the operator set ({@code statistics.timeZone}, UTC unless set). A
 * chat that ends at 00:30 in Paris is counted on that Paris day, not on the UTC day before. A day starts at local
 * midnight and ends at the next one: 23, 24 or 25 hours where summer time starts or ends. No clock of its own: every
 * instant is given.
 */
public record ServiceCalendar(ZoneId zone) {
    /** The calendar of a helpline that set no time zone: UTC days. */
    public static final ServiceCalendar UTC = new ServiceCalendar(ZoneId.of("UTC"));

    public ServiceCalendar {
        Objects.requireNonNull(zone, "zone");
    }

    /** The day {@code at} falls on. */
    public LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /** The first instant of {@code day}: local midnight, or the first instant after it where a time change skips it. */
    public Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The end of {@code day}, excluded: the next day's start. */
    public Instant end(LocalDate day) {
        return start(day.plusDays(1));
    }

    /** How long {@code day} lasts: 24 hours, or 23 or 25 on the days the clocks change. */
    public Duration length(LocalDate day) {
        return Duration.between(start(day), end(day));
    }
}
