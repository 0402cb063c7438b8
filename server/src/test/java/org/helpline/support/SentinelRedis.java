package org.helpline.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisExecProvider;

/**
 * A Redis primary, its replica and three Sentinels watching them (quorum 2): real redis-server processes from the
 * binary shipped in {@code org.signal:embedded-redis}, on free loopback ports, with their files under target/. The
 * Sentinels call the primary down after 1 s, so a failover takes a few seconds. A JUnit extension: register it
 * before the {@link Helpline} that uses {@link #url()}; it stops every process after the class.
 */
public final class SentinelRedis implements BeforeAllCallback, AfterAllCallback {
    public static final String MASTER = "helpline";

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private Path directory;
    private File binary;
    private Process primary;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                "sentinel-" + UUID.randomUUID()));
        binary = RedisExecProvider.defaultProvider().get();
        int primaryPort = freePort();
        primary = server("primary", primaryPort);
        server("replica", freePort(), "--replicaof", "127.0.0.1", String.valueOf(primaryPort));
        Waits.until(() -> info(primaryPort, "replication").contains("state=online"), 20,
                "the replica in sync with the primary");
        for (int i = 1; i <= 3; i++) {
            sentinelPorts.add(sentinel(i, primaryPort));
        }
        for (int port : sentinelPorts) {
            String watching = "status=ok,address=127.0.0.1:" + primaryPort + ",slaves=1,sentinels=3";
            Waits.until(() -> info(port, "sentinel").contains(watching), 30,
                    "sentinel " + port + " seeing the primary, its replica and the other sentinels");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** What the helpline nodes are given as {@code REDIS_URL}. */
    public String url() {
        StringBuilder url = new StringBuilder("redis-sentinel://");
        for (int port : sentinelPorts) {
            url.append(url.length() > "redis-sentinel://".length() ? "," : "").append("127.0.0.1:").append(port);
        }
        return url.append('#').append(MASTER).toString();
    }

    /** Kills the primary as a crash would (SIGKILL: no shutdown, no last flush to the replica). */
    public void killPrimary() throws InterruptedException {
        primary.destroyForcibly();
        primary.waitFor(10, TimeUnit.SECONDS);
    }

    /** The primary's address as the first Sentinel tells it. */
    public String primary() {
        return info(sentinelPorts.get(0), "sentinel").replaceAll("(?s).*address=([0-9.:]+),.*", "$1");
    }

    private Process server(String name, int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.getAbsolutePath(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--dir", Files.createDirectories(directory.resolve(name)).toString()));
        command.addAll(List.of(extra));
        return start(name, command);
    }

    private int sentinel(int index, int primaryPort) throws IOException {
        int port = freePort();
        Path config = directory.resolve("sentinel-" + index + ".conf");
        Files.writeString(config, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + directory,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + MASTER + " 1000",
                "sentinel failover-timeout " + MASTER + " 5000",
                "sentinel parallel-syncs " + MASTER + " 1", ""));
        start("sentinel-" + index, List.of(binary.getAbsolutePath(), config.toString(), "--sentinel"));
        return port;
    }

    private Process start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** One section of INFO from the server or Sentinel on {@code port}; empty while it does not answer yet. */
    private static String info(int port, String section) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            return connection.sync().info(section);
        } catch (RedisConnectionException notYet) {
            return "";
        } finally {
            client.shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
