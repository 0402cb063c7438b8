package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.helpline.store.EmbeddedRedis.DataDirectoryInUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded redis-server's data directory belongs to one running server at a time, and on Linux it runs in a
 * session of its own.
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
        assumeTrue(OwnSession.available(), "setsid (util-linux) and sh are Linux's");
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
