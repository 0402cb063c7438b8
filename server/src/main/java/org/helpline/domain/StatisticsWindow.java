package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which days or months of a requested range the statistics export: only whole days that are over (today's figures
 * still move, and two exports an hour apart would tell what happened in that hour) and still kept, and for months
 * only whole calendar months of such days (a month cut by the range would be a sum a subtraction could undo).
 *
 * @param today the day of the helpline's calendar ({@link ServiceCalendar}) {@link #LATE_COUNTS} ago: a day is over
 *              for the export that long after it ended
 * @param keepDays how long the day counters are kept
 */
public record StatisticsWindow(LocalDate today, int keepDays) {
    /**
     * A day is exported this long after it ended, not at once: a count a node sent just before midnight (a script
     * slower than usual, a node's clock a little behind) still lands in it, so that two exports of a day never differ.
     */
    static final Duration LATE_COUNTS = Duration.ofMinutes(15);

    /** The window of an export asked for at {@code now}. */
    public static StatisticsWindow at(Instant now, ServiceCalendar calendar, int keepDays) {
        return new StatisticsWindow(calendar.day(now.minus(LATE_COUNTS)), keepDays);
    }

    /** The first day whose counters are surely all still there. */
    public LocalDate oldestKept() {
        return today.minusDays(keepDays - 1L);
    }

    public LocalDate lastComplete() {
        return today.minusDays(1);
    }

    /** The days of {@code from..to} that are exported; empty when none is. */
    public Optional<DayRange> days(LocalDate from, LocalDate to) {
        LocalDate first = from.isBefore(oldestKept()) ? oldestKept() : from;
        LocalDate last = to.isAfter(lastComplete()) ? lastComplete() : to;
        return first.isAfter(last) ? Optional.empty() : Optional.of(new DayRange(first, last));
    }

    /** The whole months of the months of {@code from..to} that are exported; empty when none is. */
    public Optional<DayRange> months(LocalDate from, LocalDate to) {
        YearMonth first = YearMonth.from(from);
        while (first.atDay(1).isBefore(oldestKept())) {
            first = first.plusMonths(1);
        }
        YearMonth last = YearMonth.from(to);
        while (last.atEndOfMonth().isAfter(lastComplete())) {
            last = last.minusMonths(1);
        }
        return first.isAfter(last) ? Optional.empty() : Optional.of(new DayRange(first.atDay(1), last.atEndOfMonth()));
    }

    /** A range of days, both ends included. */
    public record DayRange(LocalDate from, LocalDate to) {
        public List<LocalDate> days() {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                days.add(day);
            }
            return days;
        }
    }
}
