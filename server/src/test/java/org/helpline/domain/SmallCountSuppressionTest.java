package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small-count rule: no {@code <5} cell above zero can be worked out by subtraction from what is published. */
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
        assertArrayEquals(new Disclosure[] {SHOWN, BELOW, SHOWN, WITHHELD}, rule.protect(grid));
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
        assertArrayEquals(new Disclosure[] {SHOWN, WITHHELD, BELOW}, rule.protect(grid));
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
        // a2 (row) and b1 (column) are withheld; then b2 would give b1 back from row b: withheld too
        assertEquals(WITHHELD, shown[a2]);
        assertEquals(WITHHELD, shown[b1]);
        assertEquals(WITHHELD, shown[b2]);
    }

    @Test
    void cellsPublishedEarlierKeepTheirDisclosureAndTheTotalGoes() {
        // a month of two days, one published as <5: the month's total would give it back
        CountGrid grid = new CountGrid();
        int day1 = grid.published(3, BELOW);
        int day2 = grid.published(10, SHOWN);
        int month = grid.cell(13);
        grid.sum(month, List.of(day1, day2));
        assertArrayEquals(new Disclosure[] {BELOW, SHOWN, WITHHELD}, rule.protect(grid));
    }

    @Test
    void theTextOfEachDisclosure() {
        assertEquals("12", SHOWN.text(12, 5));
        assertEquals("<5", BELOW.text(3, 5));
        assertEquals("*", WITHHELD.text(40, 5));
    }
}
