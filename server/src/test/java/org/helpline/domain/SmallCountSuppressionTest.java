package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The small-count rule: no {@code <5} cell above zero can be worked out from what is published, checked on chosen
 * cases by a reader who tries every possible table.
 */
class SmallCountSuppressionTest {
    private static final Disclosure SHOWN = Disclosure.SHOWN;
    private static final Disclosure BELOW = Disclosure.BELOW_MINIMUM;
    private static final Disclosure WITHHELD = Disclosure.WITHHELD;

    private final SmallCountSuppression rule = new SmallCountSuppression(5);

    @Test
    void nothingSmallNothingWithheld() {
        CountGrid grid = new CountGrid();
        int total = grid.cell(30);
        grid.sum(total, List.of(grid.cell(12), grid.cell(18)));
        assertArrayEquals(new Disclosure[] {SHOWN, SHOWN, SHOWN}, rule.protect(grid));
    }

    @Test
    void aLoneSmallPartWithholdsTheSmallestOtherPart() {
        CountGrid grid = new CountGrid();
        int total = grid.cell(40);
        grid.sum(total, List.of(grid.cell(3), grid.cell(25), grid.cell(12)));
        // 40 - 25 - 12 would give 3: the 12 goes too, and 3 + 12 = 15 leaves 3 anywhere in 0..4
        Disclosure[] shown = rule.protect(grid);
        assertArrayEquals(new Disclosure[] {SHOWN, BELOW, SHOWN, WITHHELD}, shown);
        assertTwoValuesForEverySmallCount(grid, shown);
    }

    @Test
    void aZeroMayBeWorkedOut() {
        CountGrid grid = new CountGrid();
        int total = grid.cell(10);
        grid.sum(total, List.of(grid.cell(10), grid.cell(0)));
        assertArrayEquals(new Disclosure[] {SHOWN, SHOWN, BELOW}, rule.protect(grid));
    }

    @Test
    void twoSmallPartsAtTheirHighestLoseTheirBound() {
        CountGrid grid = new CountGrid();
        int total = grid.cell(8);
        grid.sum(total, List.of(grid.cell(4), grid.cell(4)));
        // both in 0..4 and adding up to 8 would make both 4: the first becomes "*", the total stays
        Disclosure[] shown = rule.protect(grid);
        assertArrayEquals(new Disclosure[] {SHOWN, WITHHELD, BELOW}, shown);
        assertTwoValuesForEverySmallCount(grid, shown);
    }

    @Test
    void twoSmallPartsThatLeaveRoomStayAsTheyAre() {
        CountGrid grid = new CountGrid();
        int total = grid.cell(6);
        grid.sum(total, List.of(grid.cell(2), grid.cell(4)));
        assertArrayEquals(new Disclosure[] {SHOWN, BELOW, BELOW}, rule.protect(grid));
    }

    @Test
    void aSmallTotalWithOnePublishedPartIsProtectedToo() {
        CountGrid grid = new CountGrid();
        int total = grid.cell(3);
        grid.sum(total, List.of(grid.cell(3), grid.cell(0)));
        assertArrayEquals(new Disclosure[] {BELOW, BELOW, BELOW}, rule.protect(grid));
    }

    @Test
    void subtractionAcrossTwoSumsIsFollowed() {
        // rows: a = 2 + 10, b = 9 + 9; columns: 11 = 2 + 9, 19 = 10 + 9; grand total 30
        CountGrid grid = new CountGrid();
        int a1 = grid.cell(2);
        int a2 = grid.cell(10);
        int b1 = grid.cell(9);
        int b2 = grid.cell(9);
        int rowA = grid.cell(12);
        int rowB = grid.cell(18);
        int column1 = grid.cell(11);
        int column2 = grid.cell(19);
        grid.sum(rowA, List.of(a1, a2));
        grid.sum(rowB, List.of(b1, b2));
        grid.sum(column1, List.of(a1, b1));
        grid.sum(column2, List.of(a2, b2));
        Disclosure[] shown = rule.protect(grid);
        assertEquals(BELOW, shown[a1]);
        // neither a2 (row) nor b1 (column) alone is enough, nor a total: a2, b1 and b2 go together, the totals stay
        assertEquals(WITHHELD, shown[a2]);
        assertEquals(WITHHELD, shown[b1]);
        assertEquals(WITHHELD, shown[b2]);
        assertEquals(SHOWN, shown[rowA]);
        assertEquals(SHOWN, shown[column1]);
        assertTwoValuesForEverySmallCount(grid, shown);
    }

    @Test
    void cellsPublishedEarlierKeepTheirDisclosureAndTheTotalGoes() {
        // a month of two days, one published as <5: the month's total would give it back
        CountGrid grid = new CountGrid();
        int day1 = grid.published(3, BELOW);
        int day2 = grid.published(10, SHOWN);
        int month = grid.cell(13);
        grid.sum(month, List.of(day1, day2));
        Disclosure[] shown = rule.protect(grid);
        assertArrayEquals(new Disclosure[] {BELOW, SHOWN, WITHHELD}, shown);
        assertTwoValuesForEverySmallCount(grid, shown);
    }

    @Test
    void aZeroKnownToTheReaderIsCounted() {
        // 7 = 6 + 1 + a zero every reader knows (published as 0): the 1 would be 7 - 6 - 0
        CountGrid grid = new CountGrid();
        int total = grid.cell(7);
        int six = grid.cell(6);
        int one = grid.cell(1);
        grid.sum(total, List.of(six, one, grid.published(0, SHOWN)));
        Disclosure[] shown = rule.protect(grid);
        assertArrayEquals(new Disclosure[] {SHOWN, WITHHELD, BELOW, SHOWN}, shown);
        assertTwoValuesForEverySmallCount(grid, shown);
    }

    @Test
    void sumsAddedTogetherAreFollowed() {
        // The review's day (seed 8), roles only. In the network's row, witness 6 and not said 5 leave 5 for the four
        // other roles; the national line's four are each at most the network's, so its witness + not said is at least
        // 13 - 5 = 8: both 4. One sum at a time, nothing narrows: every range stays 0..4.
        CountGrid grid = rolesOfTheReviewsDay();
        Disclosure[] shown = rule.protect(grid);
        assertTwoValuesForEverySmallCount(grid, shown);
    }

    @Test
    void theRangeRuleAloneMissesSumsAddedTogether() {
        // what protectByRanges promises, and no more (docs/observatory.md: a month against its days)
        CountGrid grid = rolesOfTheReviewsDay();
        Disclosure[] shown = rule.protectByRanges(grid);
        int nationalWitness = 9;
        assertEquals(4, grid.count(nationalWitness));
        assertEquals(BELOW, shown[nationalWitness]);
        assertEquals(Set.of(4L), possibleValues(grid, shown, nationalWitness));
    }

    /**
     * Rows all, national line, uk line, none; columns received, then the roles victim, witness, relative,
     * professional, perpetrator, not said.
     */
    private static CountGrid rolesOfTheReviewsDay() {
        CountGrid grid = new CountGrid();
        int[] all = row(grid, 16, 0, 6, 0, 3, 2, 5);
        int[] national = row(grid, 13, 0, 4, 0, 3, 2, 4);
        int[] uk = row(grid, 2, 0, 1, 0, 0, 0, 1);
        int[] none = row(grid, 1, 0, 1, 0, 0, 0, 0);
        for (int column = 0; column < all.length; column++) {
            grid.sum(all[column], List.of(national[column], uk[column], none[column]));
        }
        return grid;
    }

    @Test
    void theTextOfEachDisclosure() {
        assertEquals("12", SHOWN.text(12, 5));
        assertEquals("<5", BELOW.text(3, 5));
        assertEquals("*", WITHHELD.text(40, 5));
    }

    /** A row: received, then the six roles, which add up to it. */
    private static int[] row(CountGrid grid, long received, long... roles) {
        int[] cells = new int[roles.length + 1];
        cells[0] = grid.cell(received);
        List<Integer> parts = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            cells[i + 1] = grid.cell(roles[i]);
            parts.add(cells[i + 1]);
        }
        grid.sum(cells[0], parts);
        return cells;
    }

    private static void assertTwoValuesForEverySmallCount(CountGrid grid, Disclosure[] shown) {
        for (int cell = 0; cell < grid.size(); cell++) {
            long count = grid.count(cell);
            if (shown[cell] != SHOWN && count > 0 && count < 5) {
                int small = cell;
                assertTrue(LongStream.rangeClosed(0, largest(grid)).anyMatch(value -> value != count
                        && new Reader(grid, shown).canRead(small, value)),
                        "cell " + small + " (" + count + ") can be worked out from " + List.of(shown));
            }
        }
    }

    private static Set<Long> possibleValues(CountGrid grid, Disclosure[] shown, int cell) {
        Set<Long> possible = new TreeSet<>();
        for (long value = 0; value <= largest(grid); value++) {
            if (new Reader(grid, shown).canRead(cell, value)) {
                possible.add(value);
            }
        }
        return possible;
    }

    private static long largest(CountGrid grid) {
        return IntStream.range(0, grid.size()).mapToLong(grid::count).max().orElse(0);
    }

    /**
     * A reader who tries every value of every cell not shown ({@code 0..4} for {@code <5}, a withheld one up to the
     * largest count of the grid), in order, dropping a value as soon as one of its sums can no longer add up: worked
     * out without the rule's own code.
     */
    private static final class Reader {
        private final CountGrid grid;
        private final long[] low;
        private final long[] high;

        Reader(CountGrid grid, Disclosure[] shown) {
            this.grid = grid;
            low = new long[grid.size()];
            high = new long[grid.size()];
            for (int cell = 0; cell < grid.size(); cell++) {
                low[cell] = shown[cell] == SHOWN ? grid.count(cell) : 0;
                high[cell] = shown[cell] == SHOWN ? grid.count(cell) : shown[cell] == BELOW ? 4 : largest(grid);
            }
        }

        /** Whether some table agrees with everything published and has {@code value} in {@code cell}. */
        boolean canRead(int cell, long value) {
            if (value < low[cell] || value > high[cell]) {
                return false;
            }
            low[cell] = value;
            high[cell] = value;
            return fits() && tryFrom(0);
        }

        private boolean tryFrom(int cell) {
            if (cell == low.length) {
                return true;
            }
            if (low[cell] == high[cell]) {
                return tryFrom(cell + 1);
            }
            long from = low[cell];
            long to = high[cell];
            for (long value = from; value <= to; value++) {
                low[cell] = value;
                high[cell] = value;
                if (fits() && tryFrom(cell + 1)) {
                    return true;
                }
            }
            low[cell] = from;
            high[cell] = to;
            return false;
        }

        /** Whether every sum can still add up, each cell anywhere in its range. */
        private boolean fits() {
            for (int[] sum : grid.sums()) {
                long lowest = low[sum[0]];
                long highest = high[sum[0]];
                for (int i = 1; i < sum.length; i++) {
                    lowest -= high[sum[i]];
                    highest -= low[sum[i]];
                }
                if (lowest > 0 || highest < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
