package org.helpline;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.helpline.auth.Passwords;
import org.helpline.config.ConfigException;
import org.helpline.config.ConfigLoader;

/**
 * {@code java -jar helpline-server.jar hash-password}: reads a password (without echo on a terminal, or one line of
 * standard input) and prints the hash to paste into counsellors.yaml, with the iterations the server expects of its
 * hashes ({@code sessions.passwordIterations} of the configuration {@code HELPLINE_CONFIG} names). A command-line
 * tool, so it writes to stdout.
 */
final class PasswordHashCommand {
    static final int SHORTEST_PASSWORD = 12;

    private PasswordHashCommand() {
    }

    static void run(Path configDirectory) throws Exception {
        int iterations;
        try {
            iterations = ConfigLoader.passwordIterations(configDirectory);
        } catch (ConfigException e) {
            System.err.println("Configuration error, no hash made: " + e.getMessage());
            System.exit(2);
            return;
        }
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.length() < SHORTEST_PASSWORD) {
            System.err.println("A counsellor password must have at least " + SHORTEST_PASSWORD + " characters.");
            System.exit(2);
        }
        System.out.println(Passwords.hash(password, iterations));
    }
}
