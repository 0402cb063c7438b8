package org.helpline.domain;

import java.util.Arrays;

/**
 * What a reader of the statistics can work out of each cell of a {@link CountGrid}, for {@link SmallCountSuppression}:
 * a range per cell, from its disclosure (a published count; {@code 0..minimum-1} for {@code <minimum}; at least 0 for
 * withheld; from 1 rather than 0 for a count every reader knows is at least one, {@link CountGrid#atLeastOne}),
 * narrowed from the sums (a total lies between the lowest and the highest its parts can add up to, a part between the
 * total minus the others' highest and minus their lowest) until nothing narrows. Every change is noted, so that a
 * search can narrow further and undo. It also keeps the cells whose range no longer holds their true count ("moved",
 * in the order they moved), and the cost of the published cells among them when those may change.
 */
final class ReaderRanges {
    /** "No upper bound": far above any count, small enough that thousands of them add up without overflow. */
    static final long UNBOUNDED = 1L << 40;
    /** Narrowing from scratch goes over each sum at most this many times. */
    private static final int PASSES = 64;
    /** A narrowing during a search stops after this many sums (the ranges left wider are still true). */
    private static final int NARROWINGS = 20_000;

    private final CountGrid grid;
    private final int minimum;
    private final int[][] sums;
    private final int[][] sumsOf;
    private final int[] weight;
    private final boolean[] isolated;
    private final long[] low;
    private final long[] high;
    private final boolean[] changeable;
    /**
     * The ranges of the last disclosures set without published cells changing (none changeable then), kept while they
     * stay the same.
     */
    private final long[] knownLow;
    private final long[] knownHigh;
    private Disclosure[] known;
    private boolean knownPossible;
    private final int[] queue;
    private final boolean[] queued;
    private final int[] moved;
    private int queueHead;
    private int queueSize;
    private int[] trailCell = new int[256];
    private long[] trailLow = new long[256];
    private long[] trailHigh = new long[256];
    private boolean[] trailMoved = new boolean[256];
    private int trailSize;
    private int movedSize;
    private int cost;

    ReaderRanges(CountGrid grid, int minimum) {
        this.grid = grid;
        this.minimum = minimum;
        int size = grid.size();
        sums = grid.sums().toArray(new int[0][]);
        int[] memberships = new int[size];
        weight = new int[size];
        Arrays.fill(weight, 1);
        for (int[] sum : sums) {
            weight[sum[0]] = 2;
            for (int member : sum) {
                memberships[member]++;
            }
        }
        sumsOf = new int[size][];
        for (int cell = 0; cell < size; cell++) {
            sumsOf[cell] = new int[memberships[cell]];
            memberships[cell] = 0;
        }
        for (int s = 0; s < sums.length; s++) {
            for (int member : sums[s]) {
                sumsOf[member][memberships[member]++] = s;
            }
        }
        isolated = new boolean[size];
        for (int cell = 0; cell < size; cell++) {
            isolated[cell] = sumsOf[cell].length == 1
                    && Arrays.stream(sums[sumsOf[cell][0]]).allMatch(member -> sumsOf[member].length == 1);
        }
        low = new long[size];
        high = new long[size];
        changeable = new boolean[size];
        knownLow = new long[size];
        knownHigh = new long[size];
        moved = new int[size];
        queue = new int[sums.length];
        queued = new boolean[sums.length];
    }

    /**
     * Sets every range to what the disclosures tell and narrows them until nothing narrows (or takes the ranges of the
     * last time, for the same disclosures with no published cell changing). With {@code publishedMayChange},
     * published free cells other than {@code except} are only known to be at least 0, and each that moves costs one (a
     * total, whose change moves its parts, two). False when the counts do not add up.
     */
    boolean reset(Disclosure[] shown, boolean publishedMayChange, int except) {
        trailSize = 0;
        movedSize = 0;
        cost = 0;
        if (!publishedMayChange && Arrays.equals(shown, known)) {
            System.arraycopy(knownLow, 0, low, 0, low.length);
            System.arraycopy(knownHigh, 0, high, 0, high.length);
            return knownPossible;
        }
        for (int cell = 0; cell < low.length; cell++) {
            changeable[cell] = publishedMayChange && cell != except && shown[cell] == Disclosure.SHOWN
                    && grid.fixed(cell) == null;
            low[cell] = shown[cell] == Disclosure.SHOWN && !changeable[cell] ? grid.count(cell) : grid.atLeast(cell);
            high[cell] = changeable[cell] || shown[cell] == Disclosure.WITHHELD ? UNBOUNDED
                    : shown[cell] == Disclosure.SHOWN ? grid.count(cell) : minimum - 1;
        }
        for (int sum = 0; sum < sums.length; sum++) {
            enqueue(sum);
        }
        boolean possible = propagate(PASSES * sums.length);
        trailSize = 0;
        movedSize = 0;
        cost = 0;
        known = publishedMayChange ? null : shown.clone();
        knownPossible = possible;
        System.arraycopy(low, 0, knownLow, 0, low.length);
        System.arraycopy(high, 0, knownHigh, 0, high.length);
        return possible;
    }

    /** Narrows a cell to {@code from..to} and the others from it; false when a range became empty (undo then). */
    boolean narrow(int cell, long from, long to) {
        return tighten(cell, from, to) && propagate(NARROWINGS);
    }

    /** A mark to {@link #undo} to. */
    int mark() {
        return trailSize;
    }

    /** Undoes every narrowing since the mark. */
    void undo(int mark) {
        while (trailSize > mark) {
            trailSize--;
            int cell = trailCell[trailSize];
            if (trailMoved[trailSize]) {
                movedSize--;
                cost -= changeable[cell] ? weight[cell] : 0;
            }
            low[cell] = trailLow[trailSize];
            high[cell] = trailHigh[trailSize];
        }
    }

    long low(int cell) {
        return low[cell];
    }

    long high(int cell) {
        return high[cell];
    }

    /** A cell's value in the table the ranges describe: its true count, or the nearest its range allows. */
    long value(int cell) {
        return clamp(cell, grid.count(cell));
    }

    long clamp(int cell, long value) {
        return Math.max(low[cell], Math.min(high[cell], value));
    }

    boolean changeable(int cell) {
        return changeable[cell];
    }

    /** What moving the cell costs when it may change: 1, or 2 for a total. */
    int weight(int cell) {
        return weight[cell];
    }

    int cost() {
        return cost;
    }

    /** The cells moved off their true count, first moved first. */
    int[] moved() {
        return Arrays.copyOf(moved, movedSize);
    }

    int movedCount() {
        return movedSize;
    }

    int movedAt(int index) {
        return moved[index];
    }

    /**
     * Whether the cell is in one sum only, whose other cells are in no other sum (an outcome tag down the rows): then
     * its range, narrowed until nothing narrows, holds exactly the values it can take.
     */
    boolean isolated(int cell) {
        return isolated[cell];
    }

    /** Each sum as its total followed by its parts. */
    int[] sum(int sum) {
        return sums[sum];
    }

    /** The sums a cell is a member of. */
    int[] sumsOf(int cell) {
        return sumsOf[cell];
    }

    /** Narrows the ranges of the sums in the queue from each other's, at most {@code narrowings} of them. */
    private boolean propagate(int narrowings) {
        int work = 0;
        boolean possible = true;
        while (queueSize > 0) {
            int sum = queue[queueHead];
            queueHead = (queueHead + 1) % queue.length;
            queueSize--;
            queued[sum] = false;
            if (possible && work++ < narrowings) {
                possible = narrowSum(sums[sum]);
            }
        }
        return possible;
    }

    /** Narrows the ranges of one sum's members from each other's; false when one became empty. */
    private boolean narrowSum(int[] sum) {
        long partsLow = 0;
        long partsHigh = 0;
        for (int i = 1; i < sum.length; i++) {
            partsLow += low[sum[i]];
            partsHigh += high[sum[i]];
        }
        int total = sum[0];
        if (!tighten(total, partsLow, partsHigh)) {
            return false;
        }
        for (int i = 1; i < sum.length; i++) {
            int part = sum[i];
            long otherLow = partsLow - low[part];
            long otherHigh = partsHigh - high[part];
            if (!tighten(part, low[total] - otherHigh, high[total] - otherLow)) {
                return false;
            }
        }
        return true;
    }

    /** Narrows a cell's range, noting the old one, and queues its sums; false when it became empty. */
    private boolean tighten(int cell, long from, long to) {
        long newLow = Math.max(low[cell], from);
        long newHigh = Math.min(high[cell], to);
        if (newLow > newHigh) {
            return false;
        }
        if (newLow == low[cell] && newHigh == high[cell]) {
            return true;
        }
        long truth = grid.count(cell);
        boolean movesNow = low[cell] <= truth && truth <= high[cell] && (truth < newLow || truth > newHigh);
        record(cell, movesNow);
        low[cell] = newLow;
        high[cell] = newHigh;
        if (movesNow) {
            moved[movedSize++] = cell;
            cost += changeable[cell] ? weight[cell] : 0;
        }
        for (int sum : sumsOf[cell]) {
            enqueue(sum);
        }
        return true;
    }

    private void enqueue(int sum) {
        if (!queued[sum]) {
            queued[sum] = true;
            queue[(queueHead + queueSize++) % queue.length] = sum;
        }
    }

    private void record(int cell, boolean movesNow) {
        if (trailSize == trailCell.length) {
            int longer = trailSize * 2;
            trailCell = Arrays.copyOf(trailCell, longer);
            trailLow = Arrays.copyOf(trailLow, longer);
            trailHigh = Arrays.copyOf(trailHigh, longer);
            trailMoved = Arrays.copyOf(trailMoved, longer);
        }
        trailCell[trailSize] = cell;
        trailLow[trailSize] = low[cell];
        trailHigh[trailSize] = high[cell];
        trailMoved[trailSize] = movesNow;
        trailSize++;
    }
}
