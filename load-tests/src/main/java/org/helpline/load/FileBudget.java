package org.helpline.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Open files are sockets: each visitor and console is one in the generator and one in the server. A run sized above a
 * process's open-files limit fails at once with a message saying so, rather than in the server's acceptor with nothing
 * printed; and a connection refused for that reason during the run stops it the same way.
 */
final class FileBudget {
    /** Files a JVM holds besides its sockets (jars, epoll, pipes, Redis connections), with room to spare. */
    static final long SPARE = 500;

    private FileBudget() {
    }

    /** The soft open-files limit of a process ({@code /proc/<pid>/limits}), when this system tells it. */
    static OptionalLong limit(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux, or the process is gone: no limit known
        }
        return OptionalLong.empty();
    }

    /** The sockets a process with this limit may hold: the limit less {@link #SPARE}; unbounded when unknown. */
    static long sockets(OptionalLong limit) {
        return limit.isPresent() ? Math.max(0, limit.getAsLong() - SPARE) : Long.MAX_VALUE;
    }

    /** Fails when {@code sockets} open at once would not fit under the limit of {@code who}. */
    static void require(long sockets, String scenario, String who, OptionalLong limit) {
        if (sockets > sockets(limit)) {
            throw new RefusedRun(String.format("the %s scenario would hold about %,d sockets open in %s,"
                    + " above its open-files limit of %,d (ulimit -n, less %d for the JVM's own files; the JVM has"
                    + " already raised its soft limit to the hard one, ulimit -Hn): size the run below it (--visitors,"
                    + " --chats, --idle-visitors, --pairs, --to), split it (--parts 2) or raise the hard limit",
                    scenario, sockets, who, limit.getAsLong(), SPARE));
        }
    }

    /** Whether a failure is the system refusing one more open file. */
    static boolean exhausted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("Too many open files")) {
                return true;
            }
        }
        return false;
    }
}
