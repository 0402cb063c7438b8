package org.helpline.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The small-count rule of the anonymous statistics (docs/observatory.md "Small counts").
 *
 * <ol>
 *   <li>Every free cell below the minimum count is published as {@code <minimum} (zero included).</li>
 *   <li>A reader knows each published count, that a {@code <minimum} cell lies in {@code 0..minimum-1}, that a
 *       withheld cell ({@code *}) is at least 0, and every sum. From these alone, by subtraction, repeated until
 *       nothing narrows any more, they work out the range each cell can lie in. A {@code <minimum} cell whose count is
 *       above zero must keep at least two possible values.</li>
 *   <li>While one has a single possible value, one more cell is withheld ({@code *}): the smallest published part of
 *       a sum it is part of, else of a sum reached from it through cells not shown; with none, that {@code <minimum}
 *       cell itself (it then has no upper bound); else the smallest published total of its sums; as a last resort
 *       the smallest published cell of the grid.</li>
 * </ol>
 * Cells published earlier keep their disclosure; their ranges still count. Each step withholds one more cell, so it
 * ends. That a {@code <minimum} cell is zero may be worked out: a zero is nobody.
 */
public final class SmallCountSuppression {
    /** "No upper bound": far above any count, small enough that thousands of them add up without overflow. */
    private static final long UNBOUNDED = 1L << 40;
    private static final int MAX_PASSES = 64;

    private final int minimum;

    public SmallCountSuppression(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("minimum count below 1");
        }
        this.minimum = minimum;
    }

    /** How each cell of the grid is published, by index. */
    public Disclosure[] protect(CountGrid grid) {
        int size = grid.size();
        Disclosure[] shown = new Disclosure[size];
        List<List<int[]>> sumsOf = new ArrayList<>();
        for (int cell = 0; cell < size; cell++) {
            Disclosure fixed = grid.fixed(cell);
            shown[cell] = fixed != null ? fixed
                    : grid.count(cell) < minimum ? Disclosure.BELOW_MINIMUM : Disclosure.SHOWN;
            sumsOf.add(new ArrayList<>());
        }
        for (int[] sum : grid.sums()) {
            for (int member : sum) {
                sumsOf.get(member).add(sum);
            }
        }
        for (int exposed = exposed(grid, shown); exposed >= 0; exposed = exposed(grid, shown)) {
            int withheld = nextWithheld(grid, shown, exposed, sumsOf);
            if (withheld < 0) {
                return shown;
            }
            shown[withheld] = Disclosure.WITHHELD;
        }
        return shown;
    }

    /** A {@code <minimum} cell above zero whose range the published figures narrow to one value, or -1. */
    private int exposed(CountGrid grid, Disclosure[] shown) {
        long[][] range = ranges(grid, shown);
        for (int cell = 0; cell < shown.length; cell++) {
            long count = grid.count(cell);
            if (shown[cell] != Disclosure.SHOWN && count > 0 && count < minimum && range[0][cell] == range[1][cell]) {
                return cell;
            }
        }
        return -1;
    }

    /** The lowest and highest value of each cell a reader can work out, as {@code [lows, highs]}. */
    private long[][] ranges(CountGrid grid, Disclosure[] shown) {
        long[] low = new long[shown.length];
        long[] high = new long[shown.length];
        for (int cell = 0; cell < shown.length; cell++) {
            switch (shown[cell]) {
                case SHOWN -> {
                    low[cell] = grid.count(cell);
                    high[cell] = grid.count(cell);
                }
                case BELOW_MINIMUM -> high[cell] = minimum - 1;
                case WITHHELD -> high[cell] = UNBOUNDED;
                default -> throw new IllegalStateException();
            }
        }
        boolean narrowed = true;
        for (int pass = 0; narrowed && pass < MAX_PASSES; pass++) {
            narrowed = false;
            for (int[] sum : grid.sums()) {
                narrowed |= narrow(sum, low, high);
            }
        }
        return new long[][] {low, high};
    }

    /** Narrows the ranges of one sum's members from each other's; true when one changed. */
    private static boolean narrow(int[] sum, long[] low, long[] high) {
        long partsLow = 0;
        long partsHigh = 0;
        for (int i = 1; i < sum.length; i++) {
            partsLow += low[sum[i]];
            partsHigh += high[sum[i]];
        }
        int total = sum[0];
        boolean narrowed = tighten(total, Math.max(low[total], partsLow), Math.min(high[total], partsHigh), low, high);
        for (int i = 1; i < sum.length; i++) {
            int part = sum[i];
            long otherLow = partsLow - low[part];
            long otherHigh = partsHigh - high[part];
            narrowed |= tighten(part, Math.max(low[part], low[total] - otherHigh),
                    Math.min(high[part], high[total] - otherLow), low, high);
        }
        return narrowed;
    }

    private static boolean tighten(int cell, long newLow, long newHigh, long[] low, long[] high) {
        if (newLow <= low[cell] && newHigh >= high[cell]) {
            return false;
        }
        low[cell] = Math.max(low[cell], newLow);
        high[cell] = Math.min(high[cell], newHigh);
        return true;
    }

    /**
     * The cell to withhold next for an exposed cell: the smallest published free part of its sums, else of the sums of
     * the withheld cells in them, and so on outwards; else the exposed cell itself if free; else the smallest
     * published free total of its sums; else of the grid; -1 with none.
     */
    private static int nextWithheld(CountGrid grid, Disclosure[] shown, int exposed, List<List<int[]>> sumsOf) {
        Set<Integer> reached = new HashSet<>(List.of(exposed));
        List<Integer> frontier = List.of(exposed);
        while (!frontier.isEmpty()) {
            List<Integer> parts = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            for (int cell : frontier) {
                for (int[] sum : sumsOf.get(cell)) {
                    for (int i = 0; i < sum.length; i++) {
                        if (i > 0) {
                            parts.add(sum[i]);
                        }
                        if (shown[sum[i]] != Disclosure.SHOWN && reached.add(sum[i])) {
                            next.add(sum[i]);
                        }
                    }
                }
            }
            int part = smallestPublished(grid, shown, parts);
            if (part >= 0) {
                return part;
            }
            frontier = next;
        }
        if (grid.fixed(exposed) == null && shown[exposed] == Disclosure.BELOW_MINIMUM) {
            return exposed;
        }
        List<Integer> totals = sumsOf.get(exposed).stream().map(sum -> sum[0]).toList();
        int total = smallestPublished(grid, shown, totals);
        return total >= 0 ? total : smallestPublished(grid, shown, IntStream.range(0, shown.length).boxed().toList());
    }

    private static int smallestPublished(CountGrid grid, Disclosure[] shown, List<Integer> cells) {
        int best = -1;
        for (int cell : cells) {
            if (shown[cell] == Disclosure.SHOWN && grid.fixed(cell) == null
                    && (best < 0 || grid.count(cell) < grid.count(best)
                    || grid.count(cell) == grid.count(best) && cell < best)) {
                best = cell;
            }
        }
        return best;
    }
}
