package org.helpline.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets: conversation ids, resume secrets, session tokens, socket ids. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes, URL-safe base64 without padding. */
    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
