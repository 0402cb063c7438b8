package org.helpline.auth;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The short code a visitor may note to continue their conversation from another tab or browser: 12 characters of
 * Crockford's base32 (60 random bits), shown as {@code XXXX-XXXX-XXXX}. 60 bits keep guessing hopeless even for a
 * guesser who owns many sockets, so the node's budget of wrong codes can be generous and nobody can use it to lock
 * visitors out. Typing is forgiving: case, spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1.
 * Redis keeps only its SHA-256.
 */
public final class ResumeCode {
    public static final int LENGTH = 12;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResumeCode() {
    }

    /** A new random code, normalised (12 characters, no dash). */
    public static String generate() {
        long bits = RANDOM.nextLong();
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = LENGTH - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) (bits >>> (5 * i) & 31)));
        }
        return code.toString();
    }

    /** How the code is shown to the visitor: {@code ABCD-EFGH-JKMN}. */
    public static String display(String normalised) {
        return normalised.substring(0, 4) + "-" + normalised.substring(4, 8) + "-" + normalised.substring(8);
    }

    /** The code as typed, normalised; empty when it cannot be a code at all. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s\\-\u2010-\u2015]", "").toUpperCase(Locale.ROOT)
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /** What Redis keeps of a normalised code. */
    public static String digest(String normalised) {
        return Digests.sha256(normalised);
    }
}
