package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.helpline.store.EmbeddedRedis.DataDirectoryInUse;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded redis-server's data directory belongs to one running server at a time, on Linux it runs in a session
 * of its own, and at the JVM's exit it stops after the work handed to it.
 */
class EmbeddedRedisIT {
    @TempDir
    Path data;

    /**
     * A second start on a directory in use (a second node started there, a mistyped command) is refused, and the
     * running Redis goes on serving; once that one is closed, the directory can be used again, and the closed one is
     * not started again.
     */
    @Test
    void aSecondStartOnADirectoryInUseIsRefusedAndLeavesTheRunningRedisAlone() {
        try (EmbeddedRedis running = EmbeddedRedis.start(data)) {
            assertThrows(DataDirectoryInUse.class, () -> EmbeddedRedis.start(data));
            assertEquals("PONG", ping(running));
        }
        EmbeddedRedis closed;
        try (EmbeddedRedis again = EmbeddedRedis.start(data)) {
            assertEquals("PONG", ping(again));
            closed = again;
        }
        assertThrows(IllegalStateException.class, closed::restart, "closed: the directory is no longer its own");
    }

    /**
     * On Linux redis-server leads a session of its own, so that the scheduler gives it a CPU share as large as all of
     * this JVM's threads together (OwnSession), and it still stops when closed, and starts again after a stop.
     */
    @Test
    void onLinuxRedisRunsInASessionOfItsOwn() throws IOException {
        assumeTrue(OwnSession.available(), "setsid (util-linux) is Linux's");
        try (EmbeddedRedis running = EmbeddedRedis.start(data)) {
            assertTrue(running.inOwnSession());
            long redis = Long.parseLong(Files.readString(data.resolve("redis.pid")).trim());
            assertEquals(redis, session(redis), "redis-server leads its session");
            assertNotEquals(session(ProcessHandle.current().pid()), session(redis));
            running.stop();
            assertFalse(ProcessHandle.of(redis).map(ProcessHandle::isAlive).orElse(false), "stopped");
            running.restart();
            assertEquals("PONG", ping(running));
        }
    }

    /**
     * When the JVM exits (SIGTERM), the work handed to {@code atExit} (a node's close, which records its visitors'
     * departures) still reaches Redis, and Redis stops after it: nothing stops it alongside, and its data is on disk.
     */
    @Test
    void atExitTheHandedWorkReachesRedisBeforeItStops() throws Exception {
        Path output = Files.createTempFile("exit-work-probe", ".out");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ExitWorkProbe.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long redis = 0;
        try {
            Waits.until(() -> read(output), text -> text.lines().anyMatch("ready"::equals) || !probe.isAlive(), 60,
                    "the probe's Redis started");
            assertTrue(probe.isAlive(), () -> "the probe exited: " + read(output));
            redis = Long.parseLong(Files.readString(data.resolve("redis.pid")).trim());
            probe.destroy(); // SIGTERM
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe exited");
            assertFalse(ProcessHandle.of(redis).map(ProcessHandle::isAlive).orElse(false), "its Redis stopped");
        } finally {
            probe.destroyForcibly();
            if (redis > 0) {
                ProcessHandle.of(redis).ifPresent(ProcessHandle::destroy); // a failed run leaves no Redis behind
            }
            Files.deleteIfExists(output);
        }
        try (EmbeddedRedis again = EmbeddedRedis.start(data)) {
            assertEquals("yes", ask(again, commands -> commands.get(ExitWorkProbe.KEY)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A process's session, from /proc: after the command's closing parenthesis come state, ppid, pgrp, session. */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static String ping(EmbeddedRedis redis) {
        return ask(redis, RedisCommands::ping);
    }

    /** One question to {@code redis}, on a connection of its own. */
    private static String ask(EmbeddedRedis redis, Function<RedisCommands<String, String>, String> question) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return question.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
