package org.helpline.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hex digests: SHA-256 of secrets (what Redis keeps instead of a token), SHA-1 of the Lua scripts (their library's
 * version).
 */
public final class Digests {
    private Digests() {
    }

    public static String sha256(String text) {
        return hex("SHA-256", text);
    }

    public static String sha1(String text) {
        return hex("SHA-1", text);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
