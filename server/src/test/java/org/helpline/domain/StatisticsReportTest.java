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
        // 12 answered - 10 in time would give the 2 answered late: the 10 is withheld, here and in cidff's row
        assertEquals("<5", text(all, ChatFigures.AFTER_SERVICE_LEVEL));
        assertEquals("*", text(all, ChatFigures.WITHIN_SERVICE_LEVEL));
        assertEquals("*", text(rows.get(1), ChatFigures.WITHIN_SERVICE_LEVEL));
        assertEquals("7", text(all, ChatFigures.UNANSWERED_WITH_ALTERNATIVE));
        assertEquals("9", text(rows.get(1), "tag.woman"));
        assertEquals("<5", text(rows.get(1), "tag.referral-shelter"));
        // zero by construction, known to every reader: published as 0
        assertEquals("0", text(rows.get(1), ChatFigures.UNANSWERED_WITH_ALTERNATIVE));
        assertEquals("0", text(rows.get(2), ChatFigures.ANSWERED));
        assertEquals("0", text(rows.get(2), "tag.woman"));
        // the split at the service level is not published: no waits
        assertEquals(Optional.empty(), all.waitMedian());
        assertEquals(Optional.empty(), rows.get(2).waitMedian());
    }

    @Test
    void aReaderWhoKnowsTheZerosCannotSubtractASingleChat() {
        // The review's day (seed 168). Before: all answered 10 and tag.woman 7, the national line 8 and 6, the uk line
        // and none <5; none has no answered chat and no tag, so the uk line's answered = 10 - 8 = 2 and its
        // tag.woman = 7 - 6 = 1: the one woman it helped that day.
        Map<String, String> fields = new HashMap<>();
        String national = "national-listening-line|";
        put(fields, national, "received 8", "answered 8", "answeredWithinServiceLevel 5",
                "answeredAfterServiceLevel 3", "role.professional 5", "role.relative 2", "role.witness 1",
                "children.yes 3", "children.notSaid 5", "inDanger.yes 5", "inDanger.notSaid 3", "risk.high 2",
                "risk.medium 1", "risk.notAssessed 5", "tag.woman 6", "wait.10 1", "wait.30 1", "wait.45 3",
                "wait.90 1", "wait.120 2");
        String uk = "uk-helpline-chat|";
        put(fields, uk, "received 2", "answered 2", "answeredWithinServiceLevel 2", "role.witness 1",
                "role.notSaid 1", "children.notSaid 2", "inDanger.notSaid 2", "risk.medium 1", "risk.standard 1",
                "tag.woman 1", "wait.20 1", "wait.30 1");
        put(fields, "-|", "received 6", "redirected 1", "leftAfterAlternative 5", "role.notSaid 1",
                "role.perpetrator 1", "role.relative 3", "role.witness 1", "children.yes 3", "children.notSaid 3",
                "inDanger.yes 1", "inDanger.notSaid 5", "risk.high 3", "risk.standard 3");
        List<StatisticsRow> rows = report.days(Map.of(DAY, DayCounts.fromFields(fields)), DAY, DAY);

        assertEquals(List.of("all", "national-listening-line", "uk-helpline-chat", "none"),
                rows.stream().map(StatisticsRow::association).toList());
        assertEquals("<5", text(rows.get(2), "tag.woman"));
        assertEquals("<5", text(rows.get(2), ChatFigures.ANSWERED));
        // a tag is in no sum but the one down the rows: what that sum leaves open is exactly what a reader can know
        long[] womenHelpedByUk = rangeDownTheRows(rows, "tag.woman", 2);
        assertTrue(womenHelpedByUk[0] < womenHelpedByUk[1], "tag.woman of the uk line: " + texts(rows, "tag.woman"));
        // answered is in sums of its row too: the subtraction down the rows no longer gives it, at least
        long[] answeredByUk = rangeDownTheRows(rows, ChatFigures.ANSWERED, 2);
        assertTrue(answeredByUk[0] < answeredByUk[1], "answered: " + texts(rows, ChatFigures.ANSWERED));
        // the zeros are published as what they are
        assertEquals("0", text(rows.get(3), ChatFigures.ANSWERED));
        assertEquals("0", text(rows.get(3), "tag.woman"));
        assertEquals("0", text(rows.get(2), ChatFigures.UNANSWERED_WITH_ALTERNATIVE));
    }

    @Test
    void waitsAreShownOnlyWhereTheSplitAtTheServiceLevelIs() {
        // 7 answered, 4 within 60 s and 3 after, both <5: a median of at most 30 s would say at least 4 within
        Map<String, String> fields = new HashMap<>();
        put(fields, "cidff|", "received 7", "answered 7", "answeredWithinServiceLevel 4",
                "answeredAfterServiceLevel 3", "wait.30 4", "wait.90 3", "role.victim 7", "children.notSaid 7",
                "inDanger.notSaid 7", "risk.notAssessed 7");
        List<StatisticsRow> rows = report.days(Map.of(DAY, DayCounts.fromFields(fields)), DAY, DAY);
        for (StatisticsRow row : rows) {
            assertEquals("7", text(row, ChatFigures.ANSWERED));
            assertEquals("<5", text(row, ChatFigures.WITHIN_SERVICE_LEVEL));
            assertEquals("<5", text(row, ChatFigures.AFTER_SERVICE_LEVEL));
            assertEquals(Optional.empty(), row.waitMedian(), row.association());
            assertEquals(Optional.empty(), row.waitP90(), row.association());
        }

        put(fields, "cidff|", "received 12", "answered 12", "answeredWithinServiceLevel 7",
                "answeredAfterServiceLevel 5", "wait.30 7", "wait.90 5", "role.victim 12", "children.notSaid 12",
                "inDanger.notSaid 12", "risk.notAssessed 12");
        StatisticsRow all = report.days(Map.of(DAY, DayCounts.fromFields(fields)), DAY, DAY).get(0);
        assertEquals("7", text(all, ChatFigures.WITHIN_SERVICE_LEVEL));
        assertEquals(Optional.of("<=30"), all.waitMedian());
        assertEquals(Optional.of("<=90"), all.waitP90());
    }

    @Test
    void aMonthDoesNotGiveBackTheChatsNobodyAnswered() {
        // one day in the month: 8 answered, 2 that nobody answered; received - answered would give the 2
        Map<String, String> fields = new HashMap<>();
        answered(fields, "cidff", 8, 0, "30", "victim");
        unanswered(fields, 2, "redirected");
        YearMonth month = YearMonth.from(DAY);
        List<StatisticsRow> rows = report.months(Map.of(DAY, DayCounts.fromFields(fields)), month, month);
        StatisticsRow all = rows.get(0);
        assertEquals("<5", text(rows.get(2), ChatFigures.RECEIVED));
        assertTrue(!"10".equals(text(all, ChatFigures.RECEIVED)) || !"8".equals(text(all, ChatFigures.ANSWERED)),
                "received and answered both shown");
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

    @Test
    void aListedRowIsKnownToHaveReceivedAChat() {
        // Five associations answered one chat each: the network's 5 is shown. A row is listed only when it has a
        // figure, so a reader who takes each <5 as 0..4 is wrong: each is 1..4, and five of them adding up to 5 are
        // 1 each (and so is what each answered).
        Map<String, String> fields = new HashMap<>();
        List<String> associations = List.of("a1", "a2", "a3", "a4", "a5");
        associations.forEach(association -> answered(fields, association, 1, 0, "30", "victim"));
        List<StatisticsRow> rows = report.days(Map.of(DAY, DayCounts.fromFields(fields)), DAY, DAY);

        assertEquals(6, rows.size(), texts(rows, ChatFigures.RECEIVED).toString());
        for (String figure : List.of(ChatFigures.RECEIVED, ChatFigures.ANSWERED)) {
            for (int row = 1; row <= associations.size(); row++) {
                long[] range = rangeDownTheRows(rows, figure, row, 1);
                assertTrue(range[0] < range[1], figure + " of " + rows.get(row).association() + ": "
                        + texts(rows, figure));
            }
        }
    }

    @Test
    void aRowListedForItsTagsAloneIsKnownToHaveOne() {
        // a9 received nothing today, but one of yesterday's chats was tagged woman today: its row is listed, so its
        // tags add up to at least one. Its referral-shelter is 0 (the network's 6 are a1's), so its woman, 0 or 1 by
        // the sum down the rows (a2 took none), would be 1.
        Map<String, String> fields = new HashMap<>();
        answered(fields, "a1", 7, 0, "30", "victim");
        fields.put("a1|tag.woman", "5");
        fields.put("a1|tag.referral-shelter", "6");
        answered(fields, "a2", 5, 0, "30", "victim");
        fields.put("a9|tag.woman", "1");
        List<StatisticsRow> rows = report.days(Map.of(DAY, DayCounts.fromFields(fields)), DAY, DAY);

        assertEquals(List.of("all", "a1", "a2", "a9"), rows.stream().map(StatisticsRow::association).toList());
        long[] woman = rangeDownTheRows(rows, "tag.woman", 3);
        long[] referral = rangeDownTheRows(rows, "tag.referral-shelter", 3);
        long womanAtLeast = Math.max(woman[0], 1 - referral[1]);
        assertTrue(womanAtLeast < woman[1], "tag.woman of a9: " + texts(rows, "tag.woman") + ", tag.referral-shelter: "
                + texts(rows, "tag.referral-shelter"));
    }

    @Test
    void aMonthDoesNotPinItsListedDays() {
        // one chat on each of five days: the month's 5 would make each day's <5 a 1
        Map<LocalDate, DayCounts> days = new HashMap<>();
        YearMonth month = YearMonth.of(2026, 10);
        for (int d = 1; d <= 5; d++) {
            Map<String, String> fields = new HashMap<>();
            answered(fields, "a1", 1, 0, "30", "victim");
            days.put(month.atDay(d), DayCounts.fromFields(fields));
        }
        List<StatisticsRow> monthRows = report.months(days, month, month);
        List<StatisticsRow> dayRows = report.days(days, month.atDay(1), month.atDay(5));

        assertEquals("<5", text(dayRows.get(1), ChatFigures.RECEIVED));
        for (StatisticsRow row : monthRows) {
            assertTrue(row.counts().get(FIGURES.columns().indexOf(ChatFigures.RECEIVED)).disclosure()
                    != Disclosure.SHOWN, row.association() + " received: " + texts(monthRows, ChatFigures.RECEIVED));
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

    /**
     * The lowest and highest a reader can give {@code figure} in row {@code index} from the sum down the rows alone
     * ({@code all} = the others; {@code <5}: 0..4; {@code *}: at least 0), knowing the zeros docs/observatory.md
     * tells of whatever is published for them.
     */
    private static long[] rangeDownTheRows(List<StatisticsRow> rows, String figure, int index) {
        return rangeDownTheRows(rows, figure, index, 0);
    }

    /**
     * As above, a cell not shown in a listed row taken to be at least {@code listedAtLeast}: sound for
     * {@code received}, and for an association's {@code answered}, which equals it.
     */
    private static long[] rangeDownTheRows(List<StatisticsRow> rows, String figure, int index, long listedAtLeast) {
        int column = FIGURES.columns().indexOf(figure);
        long[] lows = new long[rows.size()];
        long[] highs = new long[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            StatisticsRow.Count count = rows.get(row).counts().get(column);
            boolean shown = count.disclosure() == Disclosure.SHOWN
                    || FIGURES.zeroByConstruction(rows.get(row).association()).contains(column);
            lows[row] = shown ? count.value() : row > 0 ? listedAtLeast : 0;
            highs[row] = shown ? count.value()
                    : count.disclosure() == Disclosure.BELOW_MINIMUM ? 4 : Long.MAX_VALUE / 4;
        }
        long othersLow = 0;
        long othersHigh = 0;
        for (int row = 1; row < rows.size(); row++) {
            if (row != index) {
                othersLow += lows[row];
                othersHigh += highs[row];
            }
        }
        return new long[] {Math.max(lows[index], lows[0] - othersHigh), Math.min(highs[index], highs[0] - othersLow)};
    }

    private static void put(Map<String, String> fields, String prefix, String... figures) {
        for (String figure : figures) {
            String[] nameAndCount = figure.split(" ");
            fields.put(prefix + nameAndCount[0], nameAndCount[1]);
        }
    }

    private static List<String> texts(List<StatisticsRow> rows, String figure) {
        return rows.stream().map(row -> row.association() + " " + text(row, figure)).toList();
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
