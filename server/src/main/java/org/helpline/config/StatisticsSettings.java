package org.helpline.config;

import java.time.Duration;

/**
 * The anonymous statistics for the observatory (docs/observatory.md): each day's counters are kept {@code keepDays}
 * after their last change; any figure below {@code minimumCount} is published as {@code <minimumCount}.
 */
public record StatisticsSettings(int keepDays, int minimumCount) {
    public Duration kept() {
        return Duration.ofDays(keepDays);
    }
}
