package org.helpline.domain;

import java.util.Locale;
import java.util.Optional;

/** The protocol spells enum constants in lower case; one place turns them back. */
final class WireNames {
    private WireNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> parse(E[] constants, String wire) {
        for (E constant : constants) {
            if (of(constant).equals(wire)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
