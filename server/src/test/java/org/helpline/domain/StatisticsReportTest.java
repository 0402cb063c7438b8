package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rows per day and per month from the day counters, with small counts protected. */
class StatisticsReportTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 3);
    private static final ChatFigures FIGURES = new ChatFigures(List.of("woman", "referral-shelter"));
    private final StatisticsReport report = new StatisticsReport(FIGURES, new SmallCountSuppression(5));

    @Test
    void aDayWithOneAssociationAndUnansweredChats() {
        Map<String, String> fields = new HashMap<>();
        answered(fields, "cidff", 12, 2, "60", "victim");
        fields.put("cidff|tag.woman", "9");
        fields.put("cidff|tag.referral-shelter", "2");
        unanswered(fields, 7, "redirected");
        List<StatisticsRow> rows = report.days(Map.of(DAY, DayCounts.fromFields(fields)), DAY, DAY);

        assertEquals(List.of("all", "cidff", "none"), rows.stream().map(StatisticsRow::association).toList());
        StatisticsRow all = rows.get(0);
        assertEquals("2026-11-03", all.period());
        assertEquals("19", text(all, ChatFigures.RECEIVED));
        assertEquals("12", text(all, ChatFigures.ANSWERED));
        // 12 answered - 10 in time would give the 2 answered late: the 10 is withheld
        assertEquals("<5", text(all, ChatFigures.AFTER_SERVICE_LEVEL));
        assertEquals("*", text(all, ChatFigures.WITHIN_SERVICE_LEVEL));
        assertEquals("7", text(all, ChatFigures.UNANSWERED_WITH_ALTERNATIVE));
        assertEquals("9", text(rows.get(1), "tag.woman"));
        assertEquals("<5", text(rows.get(1), "tag.referral-shelter"));
        assertEquals(Optional.of("<=60"), all.waitMedian());
        assertEquals(Optional.empty(), rows.get(2).waitMedian());
    }

    @Test
    void noCellBelowTheMinimumIsLeftAloneInASumWhoseTotalIsShown() {
        Random random = new Random(15);
        Map<LocalDate, DayCounts> days = new HashMap<>();
        YearMonth month = YearMonth.of(2026, 10);
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            Map<String, String> fields = new HashMap<>();
            for (String association : List.of("cidff", "siao", "victimes")) {
                answered(fields, association, random.nextInt(14), random.nextInt(3), "30",
                        random.nextBoolean() ? "victim" : "witness");
                fields.put(association + "|tag.woman", Integer.toString(random.nextInt(8)));
            }
            unanswered(fields, random.nextInt(9), random.nextBoolean() ? "redirected" : "leftAfterAlternative");
            days.put(month.atDay(d), DayCounts.fromFields(fields));
        }
        List<StatisticsRow> dayRows = report.days(days, month.atDay(1), month.atEndOfMonth());
        List<StatisticsRow> monthRows = report.months(days, month, month);
        for (List<StatisticsRow> block : List.of(dayRows, monthRows)) {
            for (StatisticsRow row : block) {
                for (List<Integer> sum : FIGURES.rowSums()) {
                    assertProtected(row.counts().get(sum.get(0)),
                            sum.subList(1, sum.size()).stream().map(row.counts()::get).toList());
                }
            }
        }
        for (StatisticsRow total : monthRows) {
            for (int column = 0; column < FIGURES.columns().size(); column++) {
                int index = column;
                assertProtected(total.counts().get(column), dayRows.stream()
                        .filter(row -> row.association().equals(total.association()))
                        .map(row -> row.counts().get(index)).toList());
            }
        }
    }

    /** A shown total whose parts hide exactly one small count above zero would give it away. */
    private static void assertProtected(StatisticsRow.Count total, List<StatisticsRow.Count> parts) {
        if (total.disclosure() != Disclosure.SHOWN) {
            return;
        }
        List<StatisticsRow.Count> hidden = new ArrayList<>(parts.stream()
                .filter(part -> part.disclosure() != Disclosure.SHOWN).toList());
        assertTrue(hidden.size() != 1 || hidden.get(0).value() == 0 || hidden.get(0).value() >= 5,
                "a lone hidden small count under a shown total: " + total + " " + parts);
    }

    private static String text(StatisticsRow row, String figure) {
        return row.counts().get(FIGURES.columns().indexOf(figure)).text(5);
    }

    private static void answered(Map<String, String> fields, String association, int count, int late, String wait,
                                 String role) {
        fields.put(association + "|received", Integer.toString(count));
        fields.put(association + "|answered", Integer.toString(count));
        fields.put(association + "|answeredWithinServiceLevel", Integer.toString(count - Math.min(late, count)));
        fields.put(association + "|answeredAfterServiceLevel", Integer.toString(Math.min(late, count)));
        fields.put(association + "|role." + role, Integer.toString(count));
        fields.put(association + "|children.notSaid", Integer.toString(count));
        fields.put(association + "|inDanger.notSaid", Integer.toString(count));
        fields.put(association + "|risk.notAssessed", Integer.toString(count));
        fields.put(association + "|wait." + wait, Integer.toString(count));
    }

    private static void unanswered(Map<String, String> fields, int count, String ending) {
        fields.put("-|received", Integer.toString(count));
        fields.put("-|" + ending, Integer.toString(count));
        fields.put("-|role.notSaid", Integer.toString(count));
        fields.put("-|children.notSaid", Integer.toString(count));
        fields.put("-|inDanger.notSaid", Integer.toString(count));
        fields.put("-|risk.notAssessed", Integer.toString(count));
    }
}
