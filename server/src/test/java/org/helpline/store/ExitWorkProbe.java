package org.helpline.store;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;

/**
 * A JVM for {@link EmbeddedRedisIT}: starts an embedded Redis in the directory it is given, hands it exit work that
 * writes a key after a pause (as a node's close records departures), prints {@code ready} and waits to be stopped.
 */
final class ExitWorkProbe {
    static final String KEY = "written-at-exit";

    private ExitWorkProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedRedis redis = EmbeddedRedis.start(Path.of(args[0]));
        redis.atExit(() -> {
            try {
                Thread.sleep(1_000); // anything stopping Redis at exit alongside this work would have done so by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().set(KEY, "yes");
            } finally {
                client.shutdown();
            }
        });
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
