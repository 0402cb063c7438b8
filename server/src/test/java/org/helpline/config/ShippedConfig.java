package org.helpline.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.helpline.support.TestConfig;

/** The shipped configuration copied into a test's own directory, so that a test can break one file of it. */
final class ShippedConfig {
    private ShippedConfig() {
    }

    static void copyInto(Path directory) throws IOException {
        try (var files = Files.list(TestConfig.shippedDirectory())) {
            for (Path file : files.toList()) {
                Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
