package org.helpline.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts about to be published and the sums that tie them (a total and the parts that add up to it), for
 * {@link SmallCountSuppression}. A cell is free (its disclosure is decided here), published already (its disclosure
 * fixed by an earlier publication, such as the days of a month) or unpublished (a sum no publication shows).
 */
public final class CountGrid {
    private final List<Long> counts = new ArrayList<>();
    private final List<Disclosure> fixed = new ArrayList<>();
    private final List<Long> atLeast = new ArrayList<>();
    private final Set<Integer> unpublished = new HashSet<>();
    private final List<int[]> sums = new ArrayList<>();

    /** A free cell; answers its index. */
    public int cell(long count) {
        return add(count, null);
    }

    /** A cell already published as {@code disclosure}; answers its index. */
    public int published(long count, Disclosure disclosure) {
        return add(count, disclosure);
    }

    /**
     * A cell no publication shows, whose sums and bounds tell what a reader knows (the outcome tags of a row that
     * received no chat add up to at least one); answers its index.
     */
    public int unpublished(long count) {
        int cell = add(count, Disclosure.WITHHELD);
        unpublished.add(cell);
        return cell;
    }

    /**
     * Every reader knows that this count is at least one, however it is published (an association's chats received:
     * its row is listed only when it has a figure).
     */
    public void atLeastOne(int cell) {
        if (counts.get(cell) < 1) {
            throw new IllegalArgumentException("a count known to be at least one is " + counts.get(cell));
        }
        atLeast.set(cell, 1L);
    }

    /** {@code total} is the sum of {@code parts}. */
    public void sum(int total, List<Integer> parts) {
        int[] members = new int[parts.size() + 1];
        members[0] = total;
        for (int i = 0; i < parts.size(); i++) {
            members[i + 1] = parts.get(i);
        }
        sums.add(members);
    }

    int size() {
        return counts.size();
    }

    long count(int cell) {
        return counts.get(cell);
    }

    /** The least count every reader knows the cell has, whatever its disclosure. */
    long atLeast(int cell) {
        return atLeast.get(cell);
    }

    /** Whether the cell is shown nowhere ({@link #unpublished}): it has no small count to protect. */
    boolean unpublished(int cell) {
        return unpublished.contains(cell);
    }

    /** The disclosure an earlier publication fixed, or null for a free cell. */
    Disclosure fixed(int cell) {
        return fixed.get(cell);
    }

    /** Each sum as its total followed by its parts. */
    List<int[]> sums() {
        return sums;
    }

    private int add(long count, Disclosure disclosure) {
        if (count < 0) {
            throw new IllegalArgumentException("a count below zero: " + count);
        }
        counts.add(count);
        fixed.add(disclosure);
        atLeast.add(0L);
        return counts.size() - 1;
    }
}
