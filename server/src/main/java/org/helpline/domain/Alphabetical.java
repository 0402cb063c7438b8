package org.helpline.domain;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * Names in the order a reader expects of a list: letters first, accents and case only to part names otherwise alike
 * ("Écoute" among the E, not after the Z as by character code), then by character code, so that the order is total.
 */
public final class Alphabetical {
    public static final Comparator<String> ORDER = alphabetical();

    private Alphabetical() {
    }

    private static Comparator<String> alphabetical() {
        Collator collator = Collator.getInstance(Locale.ROOT);
        collator.setStrength(Collator.TERTIARY);
        Comparator<String> letters = collator::compare;
        return letters.thenComparing(Comparator.naturalOrder());
    }
}
