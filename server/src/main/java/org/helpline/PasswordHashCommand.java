package org.helpline;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.helpline.auth.Passwords;

/**
 * {@code java -jar helpline-server.jar hash-password}: reads a password (without echo on a terminal, or one line of
 * standard input) and prints the hash to paste into counsellors.yaml. A command-line tool, so it writes to stdout.
 */
final class PasswordHashCommand {
    static final int ITERATIONS = 210_000;

    private PasswordHashCommand() {
    }

    static void run() throws Exception {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.length() < 12) {
            System.err.println("A counsellor password must have at least 12 characters.");
            System.exit(2);
        }
        System.out.println(Passwords.hash(password, ITERATIONS));
    }
}
