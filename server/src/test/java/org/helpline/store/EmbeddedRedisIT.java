package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import org.helpline.store.EmbeddedRedis.DataDirectoryInUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded redis-server's data directory belongs to one running server at a time. */
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

    private static String ping(EmbeddedRedis redis) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown();
        }
    }
}
