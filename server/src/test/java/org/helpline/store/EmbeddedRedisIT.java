package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.helpline.store.EmbeddedRedis.DataDirectoryInUse;
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
     * running Redis goes on serving; once that one is closed, the directory can be used again.
     */
    @Test
    void aSecondStartOnADirectoryInUseIsRefusedAndLeavesTheRunningRedisAlone() {
        try (EmbeddedRedis running = EmbeddedRedis.start(data)) {
            assertThrows(DataDirectoryInUse.class, () -> EmbeddedRedis.start(data));
            assertEquals("PONG", ping(running));
        }
        try (EmbeddedRedis again = EmbeddedRedis.start(data)) {
            assertEquals("PONG", ping(again));
        }
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
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ExitWorkProbe.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        long redis = 0;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals("ready"));
            assertEquals("ready", line, "the probe started its Redis");
            redis = Long.parseLong(Files.readString(data.resolve("redis.pid")).trim());
            probe.toHandle().destroy(); // SIGTERM, its output still read (Process.destroy would close it)
            output.transferTo(Writer.nullWriter()); // until the probe has exited
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe exited");
            assertFalse(ProcessHandle.of(redis).map(ProcessHandle::isAlive).orElse(false), "its Redis stopped");
        } finally {
            probe.destroyForcibly();
            if (redis > 0) {
                ProcessHandle.of(redis).ifPresent(ProcessHandle::destroy); // a failed run leaves no Redis behind
            }
        }
        try (EmbeddedRedis again = EmbeddedRedis.start(data)) {
            RedisClient client = RedisClient.create(again.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertEquals("yes", connection.sync().get(ExitWorkProbe.KEY));
            } finally {
                client.shutdown();
            }
        }
    }

    /** A process's session, from /proc: after the command's closing parenthesis come state, ppid, pgrp, session. */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static String ping(EmbeddedRedis redis) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown();
        }
    }
}
