package org.helpline.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.helpline.auth.Passwords;

/**
 * A configuration directory for load runs: the shipped configuration plus an always-open, direct-assignment
 * association {@value #ASSOCIATION} and counsellors {@code load.1} ... {@code load.N} sharing one password, hashed
 * with {@value #ITERATIONS} iterations (hundreds of logins at the start of a run), which its {@code server.yaml} sets
 * as {@code sessions.passwordIterations} (the server refuses hashes with fewer).
 */
final class LoadAccounts {
    static final String ASSOCIATION = "load-network";
    static final String PASSWORD = "load-test-password";
    static final int ITERATIONS = 10_000;

    private LoadAccounts() {
    }

    static String id(int index) {
        return "load." + index;
    }

    /** Writes the directory (blocking, at start). */
    static Path write(Path shipped, Path target, int counsellors, int capacity) throws IOException {
        return write(shipped, target, counsellors, capacity, 1);
    }

    /**
     * Writes the directory for a run split into {@code parts} ({@link Part}): {@code counsellors} accounts per part,
     * each part's taking only its part's topic when there are several.
     */
    static Path write(Path shipped, Path target, int counsellors, int capacity, int parts) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(target.resolve("associations.yaml"), Files.readString(shipped.resolve("associations.yaml"))
                + "\n  - id: " + ASSOCIATION + "\n    name: \"Load test network\"\n"
                + "    topics: [physical, psychological, sexual, economic, cyber-violence, children-exposed, "
                + "legal-advice, shelter, perpetrator-support]\n    regions: [national]\n    languages: [fr, en]\n"
                + "    openingHours: always\n    defaultCapacity: " + capacity + "\n    routingMode: direct\n");
        // every simulated visitor connects from this one machine: lift the limits per client and per node
        Files.writeString(target.resolve("server.yaml"), Files.readString(shipped.resolve("server.yaml"))
                .replace("chatsPerClientPerHour: 20 ", "chatsPerClientPerHour: 1000000 ")
                .replace("chatsPerNetworkPerHour: 60 ", "chatsPerNetworkPerHour: 1000000 ")
                .replace("chatsPerNodePerMinute: 300 ", "chatsPerNodePerMinute: 1000000 ")
                .replace("connectionsPerClient: 500\n", "connectionsPerClient: 1000000\n")
                .replace("passwordIterations: 210000 ", "passwordIterations: " + ITERATIONS + " "));
        String hash = Passwords.hash(PASSWORD, ITERATIONS);
        StringBuilder accounts = new StringBuilder("counsellors:\n");
        for (int i = 1; i <= counsellors * parts; i++) {
            accounts.append("  - id: ").append(id(i)).append("\n    displayName: \"Load ").append(i)
                    .append("\"\n    association: ").append(ASSOCIATION).append("\n    capacity: ").append(capacity)
                    .append("\n    passwordHash: \"").append(hash).append("\"\n");
            if (parts > 1) {
                accounts.append("    topics: [").append(new Part(Part.numberOf(i, counsellors), parts).topic())
                        .append("]\n");
            }
        }
        Files.writeString(target.resolve("counsellors.yaml"), accounts.toString());
        return target;
    }
}
