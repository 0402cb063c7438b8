package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.helpline.auth.Passwords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar helpline-server.jar hash-password}, run as an operator runs it: the hash has the iterations the
 * server expects of its hashes ({@code sessions.passwordIterations}), so raising them does not refuse every new hash.
 */
class HashPasswordIT {
    private static final String PASSWORD = "a counsellor's password";

    @TempDir
    Path directory;

    private record Run(int exit, String out, String err) {
    }

    private Run hashPassword(String input) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-jar", "target/helpline-server.jar",
                "hash-password"));
        builder.environment().put(ConfigLoader.ENV_CONFIG, directory.toString());
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hash-password finished");
        return new Run(process.exitValue(), out, err);
    }

    private void setIterations(String iterations) throws IOException {
        Path server = directory.resolve("server.yaml");
        Files.writeString(server, Files.readString(server).replace("passwordIterations: 210000 ",
                "passwordIterations: " + iterations + " "));
    }

    @Test
    void theHashHasTheIterationsTheServerExpects() throws Exception {
        ShippedConfig.copyInto(directory);
        setIterations("300000");
        Run run = hashPassword(PASSWORD + "\n");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("$pbkdf2$it=300000$"), "the configured iterations");
        assertTrue(Passwords.verify(run.out(), PASSWORD));

        Path counsellors = directory.resolve("counsellors.yaml");
        Files.writeString(counsellors, Files.readString(counsellors).replaceAll("\\$pbkdf2\\$it=210000\\$[^\"]+",
                Matcher.quoteReplacement(run.out()))); // every account's, made again
        HelplineConfig config = ConfigLoader.load(directory, Map.of());
        assertEquals(run.out(), config.counsellor("demo.amina").orElseThrow().passwordHash(), "loads as it is");
    }

    @Test
    void aConfigurationItCannotReadMakesNoHash() throws Exception {
        ShippedConfig.copyInto(directory);
        setIterations("5");
        Run run = hashPassword(PASSWORD + "\n");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("sessions.passwordIterations"), run.err());
    }
}
