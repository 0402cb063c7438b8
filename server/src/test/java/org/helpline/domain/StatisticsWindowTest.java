package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.helpline.domain.StatisticsWindow.DayRange;
import org.junit.jupiter.api.Test;

/** Only days that are over and still kept are exported, and only whole months of them. */
class StatisticsWindowTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private final StatisticsWindow window = new StatisticsWindow(TODAY, 400);

    @Test
    void todayAndLaterAreNotExported() {
        assertEquals(Optional.of(new DayRange(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 1))),
                window.days(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 31)));
        assertEquals(Optional.empty(), window.days(TODAY, TODAY));
    }

    @Test
    void daysThatMayHaveExpiredAreNotExported() {
        assertEquals(LocalDate.of(2025, 10, 29), window.oldestKept());
        assertEquals(Optional.of(new DayRange(window.oldestKept(), LocalDate.of(2025, 11, 5))),
                window.days(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 11, 5)));
    }

    @Test
    void monthsAreWholeOverAndKept() {
        // October 2025 began before the oldest day kept; December 2026 is not over
        assertEquals(Optional.of(new DayRange(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 11, 30))),
                window.months(LocalDate.of(2025, 10, 15), LocalDate.of(2026, 12, 1)));
        assertEquals(Optional.of(new DayRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31))),
                window.months(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 21)));
        assertEquals(Optional.empty(), window.months(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1)));
    }
}
