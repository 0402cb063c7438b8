package org.helpline.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the embedded redis-server in a session of its own ({@code setsid}). Linux's scheduler (autogroup, on by
 * default, for processes outside any CPU control group of their own) gives each session one share of the CPU: in the
 * node's session, redis-server would be one thread among the JVMs' dozens, and on a machine whose cores are all busy
 * (a surge on a small server) it waited its turn behind them while every node waited for it, until commands timed out
 * (docs/performance.md, "Redis starved by the JVMs"). In a session of its own it gets a share as large as all of the
 * node's threads together, far more than the one core it can use. {@code setsid} replaces itself with the program (a
 * child of the JVM leads no process group, so it need not fork): the process the JVM started is redis-server. Without
 * {@code setsid} (not Linux), redis-server is started as it is.
 */
final class OwnSession {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {
    }

    /** Whether redis-server can be started in a session of its own here. */
    static boolean available() {
        return Files.isExecutable(SETSID);
    }

    /** The command that starts {@code program} in a session of its own when {@link #available}, else as it is. */
    static List<String> command(Path program) {
        return available() ? List.of(SETSID.toString(), program.toString()) : List.of(program.toString());
    }
}
