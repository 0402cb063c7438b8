package org.helpline.domain;

/**
 * A search for another table of counts that a reader of the statistics could not tell from the true one, for
 * {@link SmallCountSuppression}: every published count the same, each {@code <minimum} cell in {@code 0..minimum-1},
 * each withheld cell at least 0, each cell every reader knows to be at least one so, every sum adding up, and one
 * chosen cell different. Finding one proves that what is published does not give that cell away, nor any other cell
 * that differs in it. The table found is checked against every sum it touches, so none is ever claimed that does not
 * exist.
 *
 * <p>The search goes depth first from the chosen cell along the sums it upsets, mending each with another of its cells
 * (those that cost nothing first), narrowing the ranges as it goes ({@link ReaderRanges}). It gives up after a bounded
 * number of steps: a table not found in time is taken as "worked out", which withholds more than needed but never too
 * little.
 *
 * <p>It can also let published free cells change, within a cost (one each, a total two): the published cells that
 * change in the table found are then cells that, withheld together, give the chosen cell another possible value.
 */
final class AlternativeTable {
    /** The steps a search may take; one where published cells may change, which spreads wider, takes fewer. */
    private static final int STEPS = 1000;
    private static final int STEPS_WITH_PUBLISHED = 500;

    private final CountGrid grid;
    private final ReaderRanges ranges;
    private int budget;
    private int steps;
    private int stepLimit;

    AlternativeTable(CountGrid grid, ReaderRanges ranges) {
        this.grid = grid;
        this.ranges = ranges;
    }

    /**
     * The cells that differ in a table found where {@code cell} differs, as published now; null with none found. A
     * cell alone in its sum needs no search: its range tells.
     */
    int[] differing(Disclosure[] shown, int cell) {
        if (ranges.isolated(cell)) {
            boolean possible = ranges.reset(shown, false, cell);
            return possible && ranges.low(cell) < ranges.high(cell) ? new int[] {cell} : null;
        }
        return search(shown, cell, false, 0);
    }

    /**
     * As {@link #differing}, but published free cells may change too, at the lowest cost up to {@code maxCost} that
     * the search finds; null with none found.
     */
    int[] differingWithPublished(Disclosure[] shown, int cell, int maxCost) {
        for (int allowed = 1; allowed <= maxCost; allowed++) {
            int[] found = search(shown, cell, true, allowed);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private int[] search(Disclosure[] shown, int cell, boolean publishedMayChange, int allowed) {
        if (!ranges.reset(shown, publishedMayChange, cell)) {
            return null;
        }
        budget = allowed;
        steps = 0;
        stepLimit = publishedMayChange ? STEPS_WITH_PUBLISHED : STEPS;
        long truth = grid.count(cell);
        long below = truth - 1;
        long above = truth + 1;
        if (ranges.low(cell) <= below && tryRange(cell, ranges.low(cell), below)
                || above <= ranges.high(cell) && tryRange(cell, above, ranges.high(cell))) {
            return ranges.moved();
        }
        return null;
    }

    /** Narrows {@code cell} to {@code from..to} and searches on; on failure, undoes everything it narrowed. */
    private boolean tryRange(int cell, long from, long to) {
        int mark = ranges.mark();
        if (ranges.narrow(cell, from, to) && ranges.cost() <= budget && explore()) {
            return true;
        }
        ranges.undo(mark);
        return false;
    }

    private boolean explore() {
        if (++steps > stepLimit) {
            return false;
        }
        int sum = upsetSum();
        if (sum < 0) {
            return true;
        }
        int member = mender(sum);
        if (member < 0) {
            return false;
        }
        long wanted = ranges.clamp(member, wanted(sum, member));
        long lowest = ranges.low(member);
        long highest = ranges.high(member);
        if (tryRange(member, wanted, wanted)) {
            return true;
        }
        return grid.count(member) < wanted
                ? lowest < wanted && tryRange(member, lowest, wanted - 1)
                        || wanted < highest && tryRange(member, wanted + 1, highest)
                : wanted < highest && tryRange(member, wanted + 1, highest)
                        || lowest < wanted && tryRange(member, lowest, wanted - 1);
    }

    /** A sum that the table as it stands does not add up, the cells moved last first; -1 with none. */
    private int upsetSum() {
        for (int i = ranges.movedCount() - 1; i >= 0; i--) {
            for (int sum : ranges.sumsOf(ranges.movedAt(i))) {
                if (residue(sum) != 0) {
                    return sum;
                }
            }
        }
        return -1;
    }

    /**
     * The cell of an upset sum to change next, among those not yet fixed: one that can mend the sum and costs nothing,
     * then one that mends it in part, then a published part, then a published total, the smallest count first; else
     * any, so that the search stays complete; -1 with none.
     */
    private int mender(int sum) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int member : ranges.sum(sum)) {
            if (ranges.low(member) == ranges.high(member)) {
                continue;
            }
            long value = ranges.value(member);
            long wanted = wanted(sum, member);
            long reached = ranges.clamp(member, wanted);
            int rank = reached == value ? 5
                    : ranges.changeable(member) ? 1 + ranges.weight(member)
                    : reached == wanted ? 0 : 1;
            if (rank < bestRank || rank == bestRank && grid.count(member) < grid.count(best)) {
                best = member;
                bestRank = rank;
            }
        }
        return best;
    }

    /** The value {@code member} would need for {@code sum} to add up, the other cells as they stand. */
    private long wanted(int sum, int member) {
        long residue = residue(sum);
        return ranges.sum(sum)[0] == member ? ranges.value(member) - residue : ranges.value(member) + residue;
    }

    /** The total minus its parts, each cell at its value in the table as it stands. */
    private long residue(int sum) {
        int[] members = ranges.sum(sum);
        long residue = ranges.value(members[0]);
        for (int i = 1; i < members.length; i++) {
            residue -= ranges.value(members[i]);
        }
        return residue;
    }
}
