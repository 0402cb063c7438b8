package org.helpline.store;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.helpline.config.DataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals what a person wrote, or what identifies them, before it goes to Redis, and opens it on the nodes: AES-256-GCM
 * (JDK), a fresh 12-byte nonce each time, the key id stored with the ciphertext and authenticated with it. A sealed
 * text reads {@code hlenc:<key id>:<base64 of nonce, ciphertext and tag>}; Lua scripts handle it as an opaque string.
 * Without keys, texts are stored in clear and opened as they are. A stored text that does not start with the prefix
 * (written before keys were set) is read as it is.
 */
public final class TranscriptCipher {
    static final String PREFIX = "hlenc:";
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataKeys keys;
    private final SecureRandom random = new SecureRandom();

    public TranscriptCipher(DataKeys keys) {
        this.keys = keys;
    }

    /** Whether texts are encrypted (a key is set). */
    public boolean encrypts() {
        return !keys.isEmpty();
    }

    /** The text as it is to be stored: sealed with the key that encrypts ({@link DataKeys#sealing}), else as it is. */
    public String seal(String text) {
        return keys.sealing().map(key -> {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(key.id().getBytes(StandardCharsets.US_ASCII));
                byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
                byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
                return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(stored);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available in this JVM", e);
            }
        }).orElse(text);
    }

    /**
     * The text a stored value holds. Fails with {@link UnreadableTranscript} when it was sealed with a key this node
     * does not have (dropped on rotation) or does not authenticate.
     */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new UnreadableTranscript("a sealed text without a key id");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        DataKeys.DataKey key = keys.byId(keyId).orElseThrow(() -> new UnreadableTranscript(
                "written under data key " + keyId + ", which this node does not have (keys: " + keys.ids() + ")"));
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableTranscript("a text sealed under data key " + keyId + " does not authenticate");
        }
    }

    /** A copy of {@code json} with its string {@code field} opened (itself when it has no such field). */
    JsonObject opened(JsonObject json, String field) {
        if (!(json.getValue(field) instanceof String stored) || !stored.startsWith(PREFIX)) {
            return json;
        }
        return json.copy().put(field, open(stored));
    }

    /** A copy of {@code hash} with its {@code field} opened. */
    Map<String, String> opened(Map<String, String> hash, String field) {
        String stored = hash.get(field);
        if (stored == null || !stored.startsWith(PREFIX)) {
            return hash;
        }
        Map<String, String> copy = new HashMap<>(hash);
        copy.put(field, open(stored));
        return copy;
    }

    /**
     * A copy of {@code hash} with its {@code field} opened, or without it, with a warning naming the key, when this
     * node cannot open it (sealed under a data key it lacks): for a field the rest is read without.
     */
    Map<String, String> openedOrWithout(Map<String, String> hash, String field) {
        try {
            return opened(hash, field);
        } catch (UnreadableTranscript unreadable) {
            FailureLog.warnAWhile(LOG, "A sealed " + field + " this node cannot open, left out: "
                    + unreadable.getMessage());
            Map<String, String> without = new HashMap<>(hash);
            without.remove(field);
            return without;
        }
    }
}
