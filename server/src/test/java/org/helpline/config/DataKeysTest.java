package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeysTest {
    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path directory;

    @Test
    void withoutAVariableThereIsNoKeyAndTheRetentionDefaultsHold() {
        HelplineConfig config = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of());
        assertTrue(config.retention().dataKeys().isEmpty());
        assertEquals(Duration.ofSeconds(300), config.retention().diskPurge());
        assertTrue(config.retention().rewriteAppendOnlyFile());
    }

    @Test
    void theRetentionSettingsAreReadAndAWrongOneIsRefusedNamingFileAndField() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"),
                "retention:\n  diskPurgeSeconds: 30\n  rewriteAppendOnlyFile: false\n");
        Retention retention = ConfigLoader.load(directory, Map.of(DataKeys.ENV_KEY, KEY_1)).retention();
        assertEquals(Duration.ofSeconds(30), retention.diskPurge());
        assertFalse(retention.rewriteAppendOnlyFile());
        assertEquals(1, retention.dataKeys().ids().size());
        Files.writeString(directory.resolve("server.yaml"), "retention:\n  diskPurgeSeconds: 0\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("server.yaml") && error.getMessage()
                .contains("retention.diskPurgeSeconds"), error.getMessage());
    }

    @Test
    void theVariableListsKeysOldestFirstAndTheNewestEncrypts() {
        DataKeys keys = DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, KEY_1 + ", " + KEY_2));
        assertEquals(2, keys.ids().size());
        assertEquals(keys.ids().get(1), keys.sealing().orElseThrow().id());
        assertEquals(8, keys.ids().get(0).length());
        assertFalse(keys.toString().contains(KEY_1), "a key's bytes are never printed");
    }

    /** A rotation's first step: the new key, marked next:, decrypts on every node before any node encrypts with it. */
    @Test
    void aKeyMarkedNextDecryptsOnlyAndOneKeyMustEncrypt() {
        DataKeys keys = DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, KEY_1 + ", next:" + KEY_2));
        assertEquals(DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, KEY_1 + " " + KEY_2)).ids(), keys.ids());
        assertEquals(keys.ids().get(0), keys.sealing().orElseThrow().id(), "the older key still encrypts");
        assertTrue(keys.byId(keys.ids().get(1)).isPresent(), "the next one decrypts");
        ConfigException none = assertThrows(ConfigException.class,
                () -> DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, "next:" + KEY_1)));
        assertTrue(none.getMessage().contains("one must encrypt"), none.getMessage());
    }

    @Test
    void aKeyFileHoldsOneKeyALineWithComments() throws IOException {
        Path file = directory.resolve("keys");
        Files.writeString(file, "# old key, drop after 2026-06\n" + KEY_1 + "\n\n" + KEY_2 + "  # newest\n");
        DataKeys keys = DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY_FILE, file.toString()));
        assertEquals(DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, KEY_1 + " " + KEY_2)).ids(), keys.ids());
    }

    @Test
    void aWrongKeyIsRefusedNamingTheVariable() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        ConfigException tooShort = assertThrows(ConfigException.class,
                () -> DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, shortKey)));
        assertTrue(tooShort.getMessage().contains("HELPLINE_DATA_KEY") && tooShort.getMessage().contains("32 bytes"),
                tooShort.getMessage());
        ConfigException notBase64 = assertThrows(ConfigException.class,
                () -> DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, "not a key!")));
        assertTrue(notBase64.getMessage().contains("base64"), notBase64.getMessage());
        assertThrows(ConfigException.class,
                () -> DataKeys.fromEnvironment(Map.of(DataKeys.ENV_KEY, KEY_1 + "," + KEY_1)));
        assertThrows(ConfigException.class, () -> DataKeys.fromEnvironment(
                Map.of(DataKeys.ENV_KEY, KEY_1, DataKeys.ENV_KEY_FILE, "keys")));
        ConfigException missing = assertThrows(ConfigException.class, () -> DataKeys.fromEnvironment(
                Map.of(DataKeys.ENV_KEY_FILE, directory.resolve("none").toString())));
        assertTrue(missing.getMessage().contains("HELPLINE_DATA_KEY_FILE"), missing.getMessage());
    }
}
