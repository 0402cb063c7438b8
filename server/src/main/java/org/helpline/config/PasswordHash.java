package org.helpline.config;

import java.util.Base64;

/**
 * A counsellor's {@code passwordHash}, read at start in the exact form {@code org.helpline.auth.Passwords} writes and
 * Vert.x's PBKDF2 can match: {@code $pbkdf2$it=<iterations>$<salt>$<hash>}, the salt in standard base64 (16 random
 * bytes, padded: 24 characters), the hash the 64 bytes of PBKDF2-HMAC-SHA512 in standard base64 without padding (86
 * characters). Checked here because the login cannot tell: Vert.x turns every malformed hash into a failed login (a
 * hash cut short when pasted locks its counsellor out without a word) and reads an iteration count that is not a
 * number as 10 000. The hash itself is never quoted in a message.
 */
final class PasswordHash {
    /** The most iterations a hash may have, as {@code sessions.passwordIterations}: one login holds a worker. */
    static final int MAX_ITERATIONS = 10_000_000;
    static final int MIN_SALT_BYTES = 16;
    static final int HASH_BYTES = 64;
    private static final String HOW = ": make it again with 'java -jar server/target/helpline-server.jar "
            + "hash-password' and paste the whole line";

    private PasswordHash() {
    }

    /**
     * The required hash {@code key} of {@code entry}, with at least {@code minimumIterations} iterations (the
     * {@code sessions.passwordIterations} of {@code server.yaml}) and at most {@link #MAX_ITERATIONS}.
     */
    static String read(ConfigSection entry, String key, int minimumIterations) {
        String hash = entry.string(key);
        String[] parts = hash.split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !"pbkdf2".equals(parts[1])) {
            throw entry.error(key, "is not a whole hash of the form $pbkdf2$it=<iterations>$<salt>$<hash>" + HOW);
        }
        if (!parts[2].matches("it=[0-9]{1,9}")) {
            throw entry.error(key, "must give its iterations as it=<whole number>" + HOW);
        }
        int iterations = Integer.parseInt(parts[2].substring("it=".length()));
        byte[] salt = decoded(parts[3]);
        if (salt == null || salt.length < MIN_SALT_BYTES) {
            throw entry.error(key, "has a salt that is not base64 of at least " + MIN_SALT_BYTES + " bytes" + HOW);
        }
        byte[] derived = decoded(parts[4]);
        if (derived == null || derived.length != HASH_BYTES
                || !Base64.getEncoder().withoutPadding().encodeToString(derived).equals(parts[4])) {
            throw entry.error(key, "does not end with the " + HASH_BYTES + "-byte hash in base64 without padding "
                    + "(86 characters; cut short?)" + HOW);
        }
        if (iterations < minimumIterations) {
            throw entry.error(key, "has " + iterations + " iterations, fewer than sessions.passwordIterations ("
                    + minimumIterations + ") of " + ServerSettingsReader.FILE + HOW);
        }
        if (iterations > MAX_ITERATIONS) {
            throw entry.error(key, "has " + iterations + " iterations, more than " + MAX_ITERATIONS
                    + " (each login would hold a hashing worker for seconds)" + HOW);
        }
        return hash;
    }

    /** The bytes of standard base64 (padding optional, as Vert.x decodes it), or null when it is not. */
    private static byte[] decoded(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
