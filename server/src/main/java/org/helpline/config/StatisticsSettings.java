package org.helpline.config;

import java.time.Duration;
import org.helpline.domain.ServiceCalendar;

/**
 * The anonymous statistics for the observatory (docs/observatory.md): each day's counters are kept {@code keepDays}
 * after the day is over; any figure below {@code minimumCount} is published as {@code <minimumCount}; the days are
 * those of {@code calendar} ({@code statistics.timeZone}), and so is the supervisor dashboard's "today".
 */
public record StatisticsSettings(int keepDays, int minimumCount, ServiceCalendar calendar) {
    public Duration kept() {
        return Duration.ofDays(keepDays);
    }
}
