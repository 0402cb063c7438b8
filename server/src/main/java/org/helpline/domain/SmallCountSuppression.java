package org.helpline.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The small-count rule of the anonymous statistics (docs/observatory.md "Small counts").
 *
 * <ol>
 *   <li>Every free cell below the minimum count is published as {@code <minimum} (zero included).</li>
 *   <li>A reader knows each published count, that a {@code <minimum} cell lies in {@code 0..minimum-1}, that a withheld
 *       cell ({@code *}) is at least 0, the least count of a cell known to be at least one
 *       ({@link CountGrid#atLeastOne}), and every sum, those of cells shown nowhere included. A {@code <minimum} or
 *       withheld cell whose count is above zero and below the minimum must keep at least two possible values.
 *       {@link #protect} proves it for each such cell by finding another table of counts that agrees with everything
 *       published and differs at that cell ({@link AlternativeTable}); {@link #protectByRanges}, for grids too large
 *       to search, only checks that the range the sums narrow the cell to, one sum at a time and again until nothing
 *       narrows ({@link ReaderRanges}), holds two values.</li>
 *   <li>When a cell fails, one or more cells are withheld ({@code *}). The candidates, in order: the smallest published
 *       parts of the sums the cell is part of, then of sums reached from it through cells not shown; the cell itself
 *       (it then has no upper bound); the smallest published totals of its sums. {@link #protect} takes the first that
 *       alone is enough; with none, the published cells that change in the cheapest table the search finds where
 *       published cells may change too (a total counting double); as a last resort, the first candidate.
 *       {@link #protectByRanges} takes the first candidate.</li>
 * </ol>
 * Cells published earlier keep their disclosure; their ranges still count. Withholding only adds possible tables, so a
 * cell that passed stays passed, and each step withholds at least one more cell, so it ends. That a {@code <minimum}
 * cell is zero may be worked out: a zero is nobody.
 */
public final class SmallCountSuppression {
    /** How many single candidates are tried before a search for several. */
    private static final int SINGLE_TRIES = 12;
    /** The highest cost of the published cells the search may change together (a total counts two). */
    private static final int MOST_CHANGED = 6;

    private final int minimum;

    public SmallCountSuppression(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("minimum count below 1");
        }
        this.minimum = minimum;
    }

    /** How each cell of the grid is published, by index, every small count proven to have two possible values. */
    public Disclosure[] protect(CountGrid grid) {
        return protect(grid, true);
    }

    /** How each cell of the grid is published, by index, by the range rule only (a month with its days). */
    public Disclosure[] protectByRanges(CountGrid grid) {
        return protect(grid, false);
    }

    private Disclosure[] protect(CountGrid grid, boolean searched) {
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
        ReaderRanges ranges = new ReaderRanges(grid, minimum);
        AlternativeTable search = new AlternativeTable(grid, ranges);
        boolean[] passed = new boolean[size];
        boolean rangesCurrent = false;
        for (int cell = 0; cell < size; cell++) {
            while (mustKeepTwoValues(grid, shown, cell) && !passed[cell]) {
                if (searched) {
                    int[] differing = search.differing(shown, cell);
                    if (differing != null) {
                        pass(passed, differing);
                    } else if (!withholdMore(grid, shown, cell, search, passed, sumsOf)) {
                        break;
                    }
                    continue;
                }
                if (!rangesCurrent) {
                    ranges.reset(shown, false, -1);
                    rangesCurrent = true;
                }
                if (ranges.low(cell) < ranges.high(cell)) {
                    passed[cell] = true;
                } else {
                    List<Integer> candidates = candidates(grid, shown, cell, sumsOf, 1);
                    if (candidates.isEmpty()) {
                        break;
                    }
                    shown[candidates.get(0)] = Disclosure.WITHHELD;
                    rangesCurrent = false;
                }
            }
        }
        return shown;
    }

    private boolean mustKeepTwoValues(CountGrid grid, Disclosure[] shown, int cell) {
        long count = grid.count(cell);
        return shown[cell] != Disclosure.SHOWN && count > 0 && count < minimum && !grid.unpublished(cell);
    }

    private static void pass(boolean[] passed, int[] differing) {
        for (int cell : differing) {
            passed[cell] = true;
        }
    }

    /** Withholds one or more cells for an exposed cell, proving it when it can; false when nothing is left to. */
    private boolean withholdMore(CountGrid grid, Disclosure[] shown, int exposed, AlternativeTable search,
                                 boolean[] passed, List<List<int[]>> sumsOf) {
        List<Integer> candidates = candidates(grid, shown, exposed, sumsOf, SINGLE_TRIES);
        for (int candidate : candidates.subList(0, Math.min(SINGLE_TRIES, candidates.size()))) {
            Disclosure before = shown[candidate];
            shown[candidate] = Disclosure.WITHHELD;
            int[] differing = search.differing(shown, exposed);
            if (differing != null) {
                pass(passed, differing);
                return true;
            }
            shown[candidate] = before;
        }
        int[] differing = search.differingWithPublished(shown, exposed, MOST_CHANGED);
        if (differing != null) {
            withhold(grid, shown, differing);
            pass(passed, differing);
            return true;
        }
        if (candidates.isEmpty()) {
            return false;
        }
        shown[candidates.get(0)] = Disclosure.WITHHELD;
        return true;
    }

    /** Withholds the published free cells among these. */
    private static void withhold(CountGrid grid, Disclosure[] shown, int[] cells) {
        for (int cell : cells) {
            if (isFreeAndShown(grid, shown, cell)) {
                shown[cell] = Disclosure.WITHHELD;
            }
        }
    }

    /**
     * The cells that may be withheld for an exposed cell, in order: the published free parts of its sums, smallest
     * first, then of the sums of the cells not shown in them, and so on outwards; the exposed cell itself if free; the
     * published free totals of its sums, smallest first; else the smallest published free cell of the grid.
     */
    private static List<Integer> candidates(CountGrid grid, Disclosure[] shown, int exposed,
                                            List<List<int[]>> sumsOf, int enoughParts) {
        Comparator<Integer> smallestFirst = Comparator.comparingLong((Integer cell) -> grid.count(cell))
                .thenComparing(Comparator.naturalOrder());
        List<Integer> candidates = new ArrayList<>();
        boolean[] listed = new boolean[shown.length];
        boolean[] reached = new boolean[shown.length];
        reached[exposed] = true;
        List<Integer> frontier = List.of(exposed);
        while (!frontier.isEmpty() && candidates.size() < enoughParts) {
            List<Integer> parts = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            for (int cell : frontier) {
                for (int[] sum : sumsOf.get(cell)) {
                    for (int i = 0; i < sum.length; i++) {
                        int member = sum[i];
                        if (i > 0 && !listed[member] && isFreeAndShown(grid, shown, member)) {
                            listed[member] = true;
                            parts.add(member);
                        }
                        if (shown[member] != Disclosure.SHOWN && !reached[member]) {
                            reached[member] = true;
                            next.add(member);
                        }
                    }
                }
            }
            parts.sort(smallestFirst);
            candidates.addAll(parts);
            frontier = next;
        }
        if (grid.fixed(exposed) == null && shown[exposed] == Disclosure.BELOW_MINIMUM) {
            candidates.add(exposed);
        }
        List<Integer> totals = new ArrayList<>();
        for (int[] sum : sumsOf.get(exposed)) {
            if (!listed[sum[0]] && isFreeAndShown(grid, shown, sum[0])) {
                listed[sum[0]] = true;
                totals.add(sum[0]);
            }
        }
        totals.sort(smallestFirst);
        candidates.addAll(totals);
        if (candidates.isEmpty()) {
            for (int cell = 0; cell < shown.length; cell++) {
                if (isFreeAndShown(grid, shown, cell)) {
                    candidates.add(cell);
                }
            }
            candidates.sort(smallestFirst);
            return candidates.isEmpty() ? candidates : List.of(candidates.get(0));
        }
        return candidates;
    }

    private static boolean isFreeAndShown(CountGrid grid, Disclosure[] shown, int cell) {
        return shown[cell] == Disclosure.SHOWN && grid.fixed(cell) == null;
    }
}
