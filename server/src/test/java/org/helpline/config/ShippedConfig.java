package org.helpline.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.helpline.support.TestConfig;

/** The shipped configuration copied into a test's own directory, so that a test can break one file of it. */
final class ShippedConfig {
    /** A whole hash as hash-password makes it (210 000 iterations): demo.amina's, whose password README.md prints. */
    static final String HASH = "$pbkdf2$it=210000$t9qd2bRlXQ1swIcF/H+Q2g==$AkZ9CLwWMzX9/midKtKb3YjS9XuvTZf58Cz/bIdm75"
            + "Yd5xKfezx9Kwry6M30DwTrkRZ9EXq8XdYeqTdnMRe6Dg";

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
