package org.helpline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.helpline.config.HelplineConfig;
import org.helpline.store.DiskPurgeStore;
import org.helpline.store.EmbeddedRedis;
import org.helpline.store.Keys;
import org.helpline.store.RedisBridge;
import org.helpline.store.RedisConnections;
import org.helpline.store.Scripts;
import org.helpline.support.CapturedLogs;
import org.helpline.support.TestConfig;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The disk purge against a real redis-server, as several nodes sharing it: an owed rewrite is asked for once per
 * window whatever the number of nodes, and a Redis that refuses {@code BGREWRITEAOF} is reported clearly, once.
 */
class DiskPurgeIT {
    private static final HelplineConfig CONFIG = TestConfig.withCounsellors();
    private EmbeddedRedis redis;
    private Vertx vertx;
    private final List<RedisConnections> connections = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        Waits.await(vertx.close(), 10);
        for (RedisConnections connection : connections) {
            connection.closeAsync().get();
        }
        redis.close();
    }

    private <T> T inRedis(Function<RedisCommands<String, String>, T> use) {
        RedisClient client = RedisClient.create(redis.url());
        try (var connection = client.connect()) {
            return use.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** A node's disk purge store on its own connection, as {@code url} (a user of the Redis) connects. */
    private DiskPurgeStore store(String url) {
        RedisConnections node = RedisConnections.open(url, CONFIG.redis());
        connections.add(node);
        RedisBridge bridge = new RedisBridge(vertx, new SimpleMeterRegistry());
        return new DiskPurgeStore(node.lanes().shared(), bridge, new Scripts(node.lanes(), bridge));
    }

    /** A node's disk purge on its own connection, as {@code url} (a user of the Redis) connects. */
    private void deployNode(String url, Duration window) {
        Waits.await(vertx.deployVerticle(new DiskPurge(store(url), window, true)));
    }

    private long rewrites() {
        String info = inRedis(redis -> redis.info("persistence"));
        return info.lines().filter(line -> line.startsWith("aof_rewrites:"))
                .mapToLong(line -> Long.parseLong(line.substring("aof_rewrites:".length()).trim()))
                .findFirst().orElseThrow();
    }

    private void owe() {
        inRedis(redis -> redis.incr(Keys.DISK_PURGE_OWED)); // as an erase or an expiry owes one
    }

    /**
     * Redis's own rewrite waits for 512 MB (docs/operations.md): without erases or expiries, the file is not copied
     * every 64 MB during a surge. The file still must be rewritten in the end, with Redis's own doubling rule.
     */
    @Test
    void theEmbeddedRedisRewritesByItselfOnlyFrom512Megabytes() {
        assertEquals(Map.of("auto-aof-rewrite-min-size", Long.toString(512L << 20), "auto-aof-rewrite-percentage",
                "100"), inRedis(redis -> redis.configGet("auto-aof-rewrite-min-size", "auto-aof-rewrite-percentage")));
    }

    /** A quiet night: no new wait or assignment trims the old ones, the sweep does. */
    @Test
    void theSweepTrimsWaitsAndAssignmentsOlderThanTheyAreKept() {
        long now = System.currentTimeMillis();
        inRedis(redis -> redis.zadd(Keys.WAITS, now - Duration.ofHours(26).toMillis(), "old|12000|a"));
        inRedis(redis -> redis.zadd(Keys.WAITS, now - Duration.ofHours(2).toMillis(), "recent|9000|a"));
        inRedis(redis -> redis.zadd(Keys.RECENT_ASSIGNMENTS, now - Duration.ofHours(2).toMillis(), "old|1"));
        deployNode(redis.url(), Duration.ofSeconds(3));
        Waits.until(() -> inRedis(redis -> redis.zcard(Keys.RECENT_ASSIGNMENTS)), count -> count == 0, 5,
                "the assignments of more than an hour ago trimmed");
        assertEquals(List.of("recent|9000|a"), inRedis(redis -> redis.zrange(Keys.WAITS, 0, -1)));
    }

    @Test
    void threeNodesAskForOneRewriteInEachWindow() {
        Duration window = Duration.ofSeconds(3);
        for (int node = 0; node < 3; node++) {
            deployNode(redis.url(), window);
        }
        owe();
        Waits.until(() -> rewrites(), count -> count == 1, 5, "the owed rewrite");
        owe();
        Waits.until(() -> inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED)), owed -> owed == 1, 2,
                "the second rewrite still owed while the window runs");
        assertEquals(1, rewrites(), "one rewrite in the window, for all three nodes");
        Waits.until(() -> rewrites(), count -> count == 2, 8, "the owed rewrite after the window");
        Waits.until(() -> inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED)), owed -> owed == 0, 5,
                "owed no more once that rewrite is done");
    }

    /** A node that took the owed rewrite and stopped before asking Redis for it leaves it to another. */
    @Test
    void aRewriteTakenByANodeThatStoppedIsTakenByAnotherAfterTheWindow() {
        Duration window = Duration.ofSeconds(2);
        owe();
        DiskPurgeStore.Sweep taken = Waits.await(store(redis.url()).sweep(window));
        assertInstanceOf(DiskPurgeStore.Sweep.Rewrite.class, taken); // and that node stops here

        deployNode(redis.url(), window);
        Waits.until(() -> rewrites(), count -> count == 1, 8, "the rewrite asked for by another node");
        Waits.until(() -> inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED)), owed -> owed == 0, 5,
                "owed no more once asked for");
    }

    /** What is erased after a node took the rewrite, before Redis started it, may be in its copy: another is owed. */
    @Test
    void anEraseAfterTheRewriteWasTakenOwesAnother() {
        DiskPurgeStore store = store(redis.url());
        owe();
        DiskPurgeStore.Sweep taken = Waits.await(store.sweep(Duration.ofSeconds(2)));
        owe();
        Waits.await(store.settle(((DiskPurgeStore.Sweep.Rewrite) taken).owed()));
        long stillOwed = inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED));
        assertEquals(1, stillOwed);
        Waits.await(store.settle(inRedis(redis -> redis.get(Keys.DISK_PURGE_OWED))));
        long owedLeft = inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED));
        assertEquals(0, owedLeft);
    }

    /**
     * The rewrite Redis started fails (its child killed, as a full disk or the kernel's OOM killer would end it): the
     * text is still in the files, so the rewrite stays owed, is logged, and is asked again after the window.
     */
    @Test
    void aRewriteThatFailsStaysOwedAndIsAskedAgain() {
        for (int key = 0; key < 40; key++) {
            int n = key;
            inRedis(redis -> redis.set("slow:" + n, "x"));
        }
        inRedis(redis -> redis.configSet("rdb-key-save-delay", "200000")); // 0.2 s a key: the rewrite lasts 8 s
        long redisPid = Long.parseLong(field(inRedis(redis -> redis.info("server")), "process_id"));
        try (CapturedLogs logs = new CapturedLogs()) {
            deployNode(redis.url(), Duration.ofSeconds(2));
            owe();
            Waits.until(() -> field(inRedis(redis -> redis.info("persistence")), "aof_rewrite_in_progress"),
                    "1"::equals, 10, "the rewrite under way");
            inRedis(redis -> redis.configSet("rdb-key-save-delay", "0"));
            ProcessHandle.of(redisPid).orElseThrow().children().forEach(ProcessHandle::destroyForcibly);
            Waits.until(() -> logs.lines().stream().anyMatch(line -> line.contains("rewrite of its append-only file"
                    + " failed")), 10, "the failure logged");
            assertEquals(1L, (long) inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED)), "still owed");
            Waits.until(() -> field(inRedis(redis -> redis.info("persistence")), "aof_last_bgrewrite_status"),
                    "ok"::equals, 15, "asked again after the window, and done");
            Waits.until(() -> inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED)), owed -> owed == 0, 5,
                    "owed no more once done");
        }
    }

    private static String field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).map(line -> line.substring(name.length() + 1)
                .trim()).findFirst().orElse("");
    }

    @Test
    void aRedisThatRefusesTheRewriteIsReportedOnce() {
        inRedis(redis -> redis.aclSetuser("helpline", AclSetuserArgs.Builder.on()
                .addPassword("not-a-real-secret").allKeys().allChannels().allCommands()
                .removeCommand(CommandType.BGREWRITEAOF)));
        String limited = "redis://helpline:not-a-real-secret@127.0.0.1:" + redis.port();
        try (CapturedLogs logs = new CapturedLogs()) {
            deployNode(limited, Duration.ofMillis(500));
            owe();
            Waits.until(() -> logs.lines().stream().anyMatch(line -> line.contains("refused BGREWRITEAOF")
                    && line.contains("NOPERM")), 5, "the refusal reported with Redis's reason");
            owe();
            Waits.until(() -> inRedis(redis -> redis.exists(Keys.DISK_PURGE_OWED)), owed -> owed == 0, 5,
                    "the second owed rewrite taken");
            assertEquals(1, logs.lines().stream().filter(line -> line.contains("refused BGREWRITEAOF")).count(),
                    "reported once");
            assertEquals(0, rewrites());
        }
    }
}
