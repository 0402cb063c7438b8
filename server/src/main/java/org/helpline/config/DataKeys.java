package org.helpline.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that transcripts are encrypted with in Redis, oldest first: the last one not marked {@link #NEXT}
 * encrypts, every one decrypts. A key written {@code next:<key>} only decrypts: the first step of a rotation on a
 * running helpline, so that every node can read the new key before any node writes with it (docs/privacy.md). Read
 * from {@code HELPLINE_DATA_KEY} (base64 keys of 32 bytes separated by commas or spaces) or from the file
 * {@code HELPLINE_DATA_KEY_FILE} names (one key a line, {@code #} comments), never both. Each key is known by an id,
 * the first 8 hex digits of its SHA-256, stored with every ciphertext; a key's bytes are never printed.
 */
public final class DataKeys {
    public static final String ENV_KEY = "HELPLINE_DATA_KEY";
    public static final String ENV_KEY_FILE = "HELPLINE_DATA_KEY_FILE";
    /** Marks a key that decrypts only, not yet encrypting. */
    public static final String NEXT = "next:";
    private static final int KEY_BYTES = 32;

    private final List<DataKey> keys;
    private final Optional<DataKey> sealing;

    private DataKeys(List<DataKey> keys, Optional<DataKey> sealing) {
        this.keys = List.copyOf(keys);
        this.sealing = sealing;
    }

    /** No key: transcripts are stored in clear. */
    public static DataKeys none() {
        return new DataKeys(List.of(), Optional.empty());
    }

    /** These raw 32-byte keys, oldest first, the last one encrypting. */
    public static DataKeys of(List<byte[]> raw) {
        List<DataKey> keys = new ArrayList<>();
        for (byte[] bytes : raw) {
            keys.add(key(bytes, "value", "data key"));
        }
        return checked(keys, keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1)),
                "data keys");
    }

    /** The keys the environment names, or none. Reads the key file: call it at start, never on an event loop. */
    public static DataKeys fromEnvironment(Map<String, String> environment) {
        Optional<String> inline = Optional.ofNullable(environment.get(ENV_KEY)).filter(value -> !value.isBlank());
        Optional<String> file = Optional.ofNullable(environment.get(ENV_KEY_FILE)).filter(value -> !value.isBlank());
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException("environment variables " + ENV_KEY + " and " + ENV_KEY_FILE, "value",
                    "set one of them, not both");
        }
        if (inline.isPresent()) {
            return parse(List.of(inline.get().split("[,\\s]+")), "environment variable " + ENV_KEY);
        }
        if (file.isPresent()) {
            Path path = Path.of(file.get().trim());
            try {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                        .map(line -> line.replaceFirst("#.*", "").trim()).toList();
                return parse(lines, "key file " + path + " (" + ENV_KEY_FILE + ")");
            } catch (IOException e) {
                throw new ConfigException("environment variable " + ENV_KEY_FILE, "value",
                        "cannot read the key file " + path + ": " + e.getClass().getSimpleName());
            }
        }
        return none();
    }

    private static DataKeys parse(List<String> entries, String source) {
        List<DataKey> keys = new ArrayList<>();
        Optional<DataKey> sealing = Optional.empty();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            boolean next = entry.startsWith(NEXT);
            entry = next ? entry.substring(NEXT.length()) : entry;
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(entry);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, "key " + (i + 1), "is not base64 (make one with: openssl rand "
                        + "-base64 32)");
            }
            DataKey key = key(bytes, "key " + (i + 1), source);
            keys.add(key);
            sealing = next ? sealing : Optional.of(key);
        }
        if (keys.isEmpty()) {
            throw new ConfigException(source, "value", "holds no key");
        }
        if (sealing.isEmpty()) {
            throw new ConfigException(source, "value", "marks every key " + NEXT + " (decrypting only): one must "
                    + "encrypt");
        }
        return checked(keys, sealing, source);
    }

    private static DataKey key(byte[] bytes, String field, String source) {
        if (bytes.length != KEY_BYTES) {
            throw new ConfigException(source, field, "must be " + KEY_BYTES + " bytes (base64 of 32 random bytes), "
                    + "got " + bytes.length);
        }
        return new DataKey(keyId(bytes), new SecretKeySpec(bytes, "AES"));
    }

    private static DataKeys checked(List<DataKey> keys, Optional<DataKey> sealing, String source) {
        if (keys.stream().map(DataKey::id).distinct().count() != keys.size()) {
            throw new ConfigException(source, "value", "names the same key twice");
        }
        return new DataKeys(keys, sealing);
    }

    private static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The key new ciphertexts are made with: the last one listed that is not marked {@link #NEXT}. */
    public Optional<DataKey> sealing() {
        return sealing;
    }

    public Optional<DataKey> byId(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return keys.stream().map(DataKey::id).toList();
    }

    @Override
    public String toString() {
        return "DataKeys" + ids();
    }

    /** One key and its id. */
    public record DataKey(String id, SecretKey secret) {
        @Override
        public String toString() {
            return "DataKey[" + id + "]";
        }
    }
}
