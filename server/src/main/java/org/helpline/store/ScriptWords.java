package org.helpline.store;

import java.util.Locale;

/** The scripts answer in lower-case words ({@code not_assigned}); the store's enum constants are those words. */
final class ScriptWords {
    private ScriptWords() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant a script's word names; a word the enum does not know is a script and store out of step. */
    static <E extends Enum<E>> E parse(Class<E> type, String word) {
        return Enum.valueOf(type, word.toUpperCase(Locale.ROOT));
    }
}
