package org.helpline.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import redis.embedded.RedisExecProvider;
import redis.embedded.util.OS;

/**
 * Starts the embedded redis-server in a session of its own ({@code setsid}). Linux's scheduler (autogroup, on by
 * default, for processes outside any CPU control group of their own) gives each session one share of the CPU: in the
 * node's session, redis-server would be one thread among the JVMs' dozens, and on a machine whose cores are all busy
 * (a surge on a small server) it waited its turn behind them while every node waited for it, until commands timed out
 * (docs/performance.md, "Redis starved by the JVMs"). In a session of its own it gets a share as large as all of the
 * node's threads together, far more than the one core it can use. Without {@code setsid} and {@code sh} (not Linux),
 * redis-server is started as it is.
 */
final class OwnSession {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path SHELL = Path.of("/bin/sh");
    private static final String LAUNCHER = "redis-server-own-session";

    private OwnSession() {
    }

    /** Whether redis-server can be started in a session of its own here. */
    static boolean available() {
        return Files.isExecutable(SETSID) && Files.isExecutable(SHELL);
    }

    /**
     * The shipped redis-server, unpacked as the library unpacks it, started through a launcher script written beside
     * it (a directory programs can be run from, whatever the mount of the data directory) when {@link #available}.
     */
    static RedisExecProvider provider() throws IOException {
        RedisExecProvider shipped = RedisExecProvider.defaultProvider();
        if (!available()) {
            return shipped;
        }
        Path binary = shipped.get().toPath().toAbsolutePath();
        Path launcher = binary.resolveSibling(LAUNCHER);
        Files.writeString(launcher, "#!" + SHELL + "\nexec " + quoted(SETSID) + " " + quoted(binary) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        launcher.toFile().deleteOnExit();
        return shipped.override(OS.UNIX, launcher.toString());
    }

    /** A path as one word of {@code sh}, whatever it holds. */
    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
