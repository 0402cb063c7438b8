package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.helpline.config.DataKeys;
import org.helpline.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of the append-only file rewrite that takes erased text off the disk, measured once (not part of the
 * suite): 10,000 stored conversations of 20 messages each, in clear and sealed. Run it with
 * {@code mvn -B -o verify -pl server -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=AppendOnlyRewriteCostIT -Dhelpline.measure=rewrite}; the figures are in docs/privacy.md.
 */
@EnabledIfSystemProperty(named = "helpline.measure", matches = "rewrite")
class AppendOnlyRewriteCostIT {
    private static final int CONVERSATIONS = 10_000;
    private static final int MESSAGES = 20;
    private static final String TEXT = "Il a encore crié ce soir, j'ai peur de rentrer avec les enfants. Est-ce que "
            + "je peux partir sans prévenir ? Où aller cette nuit ?";

    @Test
    void rewriteAtTenThousandConversations() throws Exception {
        measure("clear", new TranscriptCipher(DataKeys.none()));
        measure("sealed", new TranscriptCipher(DataKeys.of(List.of(new byte[32]))));
    }

    private static void measure(String label, TranscriptCipher cipher) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start()) {
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                fill(connection.async(), cipher);
                RedisCommands<String, String> sync = connection.sync();
                awaitNoRewrite(sync);
                long started = System.nanoTime();
                sync.bgrewriteaof();
                Thread.sleep(50);
                awaitNoRewrite(sync);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                Map<String, String> info = info(sync.info());
                System.out.printf("rewrite cost [%s]: %d conversations x %d messages, used_memory %s MB, "
                                + "rewrite %d ms (aof_last_rewrite_time_sec %s), fork %s us, copy-on-write %s MB, "
                                + "files %.1f MB, status %s%n", label, CONVERSATIONS, MESSAGES,
                        megabytes(info.get("used_memory")), millis, info.get("aof_last_rewrite_time_sec"),
                        info.get("latest_fork_usec"), megabytes(info.get("aof_last_cow_size")),
                        directorySize(redis.dataDirectory()) / 1e6, info.get("aof_last_bgrewrite_status"));
                assertEquals("ok", info.get("aof_last_bgrewrite_status"));
            } finally {
                client.shutdown();
            }
        }
    }

    private static void fill(RedisAsyncCommands<String, String> commands, TranscriptCipher cipher) throws Exception {
        List<RedisFuture<?>> pending = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String id = "measure-" + c;
            String[] entries = new String[MESSAGES];
            for (int m = 0; m < MESSAGES; m++) {
                entries[m] = new JsonObject().put("type", "message").put("conversation", id).put("seq", m + 1)
                        .put("from", m % 2 == 0 ? "visitor" : "counsellor").put("clientId", "c-" + m)
                        .put("text", cipher.seal(TEXT + " " + c + "/" + m)).put("at", 1_767_000_000_000L + m)
                        .encode();
            }
            pending.add(commands.rpush(Keys.log(id), entries));
            pending.add(commands.hset(Keys.conversation(id), Map.of("status", "active", "seq",
                    Integer.toString(MESSAGES), "region", cipher.seal("59"), "createdAt", "1767000000000")));
            if (pending.size() >= 2000) {
                for (RedisFuture<?> future : pending) {
                    future.get(30, TimeUnit.SECONDS);
                }
                pending.clear();
            }
        }
        for (RedisFuture<?> future : pending) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitNoRewrite(RedisCommands<String, String> sync) throws InterruptedException {
        while (true) {
            Map<String, String> info = info(sync.info("persistence"));
            if ("0".equals(info.get("aof_rewrite_in_progress")) && "0".equals(info.get("aof_rewrite_scheduled"))) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static Map<String, String> info(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static String megabytes(String bytes) {
        return bytes == null ? "?" : String.format("%.1f", Long.parseLong(bytes) / 1e6);
    }

    private static long directorySize(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
