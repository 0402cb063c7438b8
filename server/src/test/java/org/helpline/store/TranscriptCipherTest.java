package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.helpline.config.DataKeys;
import org.junit.jupiter.api.Test;

class TranscriptCipherTest {
    private static final byte[] KEY_1 = new byte[32];
    private static final byte[] KEY_2 = "0123456789abcdef0123456789abcdef".getBytes();
    private static final String TEXT = "he took my phone, I'm at my sister's at 12 rue des Lilas";

    @Test
    void aSealedTextHidesTheWordsNamesItsKeyAndOpensAgain() {
        TranscriptCipher cipher = new TranscriptCipher(DataKeys.of(List.of(KEY_1)));
        String sealed = cipher.seal(TEXT);
        assertFalse(sealed.contains("sister"));
        assertTrue(sealed.startsWith(TranscriptCipher.PREFIX + DataKeys.of(List.of(KEY_1)).ids().get(0) + ":"));
        assertNotEquals(sealed, cipher.seal(TEXT), "a fresh nonce each time");
        assertEquals(TEXT, cipher.open(sealed));
    }

    @Test
    void rotationTheNewestKeyEncryptsEveryKeyDecryptsADroppedKeyShredsWhatItSealed() {
        String underKey1 = new TranscriptCipher(DataKeys.of(List.of(KEY_1))).seal(TEXT);
        TranscriptCipher both = new TranscriptCipher(DataKeys.of(List.of(KEY_1, KEY_2)));
        assertEquals(TEXT, both.open(underKey1));
        String underKey2 = both.seal(TEXT);
        String key2 = DataKeys.of(List.of(KEY_2)).ids().get(0);
        assertTrue(underKey2.startsWith(TranscriptCipher.PREFIX + key2 + ":"));
        TranscriptCipher onlyKey2 = new TranscriptCipher(DataKeys.of(List.of(KEY_2)));
        assertEquals(TEXT, onlyKey2.open(underKey2));
        UnreadableTranscript shredded = assertThrows(UnreadableTranscript.class, () -> onlyKey2.open(underKey1));
        String key1 = DataKeys.of(List.of(KEY_1)).ids().get(0);
        assertTrue(shredded.getMessage().contains(key1), shredded.getMessage());
        assertFalse(shredded.getMessage().contains("sister"));
    }

    @Test
    void aDamagedCiphertextDoesNotAuthenticate() {
        TranscriptCipher cipher = new TranscriptCipher(DataKeys.of(List.of(KEY_1)));
        String sealed = cipher.seal(TEXT);
        char last = sealed.charAt(sealed.length() - 3);
        String damaged = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        assertThrows(UnreadableTranscript.class, () -> cipher.open(damaged));
    }

    @Test
    void withoutAKeyTextsAreStoredAndReadInClear() {
        TranscriptCipher clear = new TranscriptCipher(DataKeys.none());
        assertFalse(clear.encrypts());
        assertEquals(TEXT, clear.seal(TEXT));
        assertEquals(TEXT, clear.open(TEXT));
        assertEquals(TEXT, new TranscriptCipher(DataKeys.of(List.of(KEY_1))).open(TEXT), "written before the key");
    }

    /**
     * A field the rest of a record is read without (the resume code kept for the visitor's page): opened when this
     * node has its key, left out when it does not, the other fields read all the same.
     */
    @Test
    void aFieldSealedUnderADroppedKeyIsLeftOutAndTheRestRead() {
        String code = "K7QM2X9D4HNB";
        Map<String, String> hash = Map.of("status", "active",
                "resumeCodeSealed", new TranscriptCipher(DataKeys.of(List.of(KEY_1))).seal(code));
        assertEquals(Map.of("status", "active", "resumeCodeSealed", code),
                new TranscriptCipher(DataKeys.of(List.of(KEY_1, KEY_2))).openedOrWithout(hash, "resumeCodeSealed"));
        assertEquals(Map.of("status", "active"),
                new TranscriptCipher(DataKeys.of(List.of(KEY_2))).openedOrWithout(hash, "resumeCodeSealed"));
        assertEquals(Map.of("status", "active"), new TranscriptCipher(DataKeys.of(List.of(KEY_2)))
                .openedOrWithout(Map.of("status", "active"), "resumeCodeSealed"), "none stored: none given");
    }
}
