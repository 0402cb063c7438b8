package org.helpline.auth;

import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Counsellor password hashes: PBKDF2-HMAC-SHA512 in the PHC string format of Vert.x's {@link HashingStrategy}
 * ({@code $pbkdf2$it=<iterations>$<salt>$<hash>}). Deliberately slow: never call these on an event loop.
 */
public final class Passwords {
    private static final HashingStrategy STRATEGY = HashingStrategy.load();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return STRATEGY.hash("pbkdf2", Map.of("it", Integer.toString(iterations)),
                Base64.getEncoder().encodeToString(salt), password);
    }

    public static boolean verify(String hash, String password) {
        try {
            return STRATEGY.verify(hash, password);
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
