package org.helpline.domain;

/**
 * How one figure of the anonymous statistics is published: as it is, as "below the minimum count" ({@code <5}), or
 * withheld ({@code *}) so that a {@code <5} next to it cannot be worked out by subtraction.
 */
public enum Disclosure {
    SHOWN, BELOW_MINIMUM, WITHHELD;

    /** The figure as published: the count, {@code <minimum} or {@code *}. */
    public String text(long count, int minimum) {
        return switch (this) {
            case SHOWN -> Long.toString(count);
            case BELOW_MINIMUM -> "<" + minimum;
            case WITHHELD -> "*";
        };
    }
}
