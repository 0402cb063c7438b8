package org.helpline.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.helpline.store.EmbeddedRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code --start-server} starts: a real redis-server and the server jar as a separate process (as in
 * production), or {@code --parts N} of them on N ports sharing the one Redis, with the load counsellor accounts.
 * Stopped by {@link #close}, and when the generator is interrupted (Ctrl-C, SIGTERM) or stops itself by the Redis's
 * exit work ({@link EmbeddedRedis#atExit}): the servers first, then their Redis, so that nothing is left running.
 */
final class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    /**
     * The garbage collector's pause goal that docs/operations.md recommends for a node (G1's default is 200 ms): with
     * 16,000 sockets on a node it keeps young pauses short enough for a p99 within 50 ms (docs/performance.md). The
     * generator's other parts ({@link OtherParts}), which hold as many sockets, run with it too.
     */
    static final String PAUSE_GOAL = "-XX:MaxGCPauseMillis=20";

    private final EmbeddedRedis redis;
    private final List<Process> servers = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private boolean closed;

    private LocalServer(EmbeddedRedis redis) {
        this.redis = redis;
        redis.atExit(this::stop); // the servers first, then their Redis
    }

    /**
     * Starts Redis and {@code nodes} servers (with {@link #jvmOptions}; the first one's log is {@code server.log}, the
     * others' {@code server-<n>.log}) with {@code counsellors} accounts per node, and waits until they are ready.
     */
    static LocalServer start(Options options, Path work, int counsellors, int capacity, int nodes) throws Exception {
        LocalServer started = new LocalServer(EmbeddedRedis.start(work.resolve("redis-" + System.nanoTime())));
        try {
            Path config = LoadAccounts.write(Path.of(options.text("config", "config")), work.resolve("load-config"),
                    counsellors, capacity, nodes);
            for (int node = 1; node <= nodes; node++) {
                started.startNode(options, config, work.resolve(node == 1 ? "server.log" : "server-" + node + ".log"));
            }
            return started;
        } catch (Exception | Error failure) {
            started.close();
            throw failure;
        }
    }

    /**
     * A node's JVM options: {@code -Xmx} from {@code --server-heap}, then {@link #PAUSE_GOAL}, then the options of
     * {@code --server-java-options}, which win over it. The bare relay ({@link BareRelay}) is given them too.
     */
    static List<String> jvmOptions(Options options) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.text("server-heap", "1g"), PAUSE_GOAL));
        String javaOptions = options.text("server-java-options", "").trim();
        if (!javaOptions.isEmpty()) {
            jvm.addAll(List.of(javaOptions.split("\\s+")));
        }
        return jvm;
    }

    private void startNode(Options options, Path config, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions(options));
        command.addAll(List.of("-jar", options.text("server-jar", "server/target/helpline-server.jar")));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HELPLINE_CONFIG", config.toString());
        builder.environment().put("HELPLINE_HTTP_PORT", Integer.toString(port));
        builder.environment().put("REDIS_URL", redis.url());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process server = builder.start();
        synchronized (this) { // the exit work may be stopping the servers meanwhile
            if (closed) {
                server.destroyForcibly();
                throw new IllegalStateException("stopped while the servers started");
            }
            servers.add(server);
            urls.add("http://localhost:" + port);
        }
        awaitReady(urls.get(urls.size() - 1), server);
    }

    /** The first node. */
    Target target() {
        return target(1);
    }

    /** Node {@code node} (from 1). */
    Target target(int node) {
        return new Target(urls.get(node - 1), Optional.of(redis.url()), Optional.of(servers.get(node - 1).toHandle()),
                false);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        servers.forEach(Process::destroy);
        for (Process server : servers) {
            try {
                if (!server.waitFor(15, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException interrupted) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        redis.close();
        deleteDataDirectory();
    }

    /** Each run starts a Redis of its own: its files (tens of MB after a long run) are of no use once it stops. */
    private void deleteDataDirectory() {
        try (Stream<Path> files = Files.walk(redis.dataDirectory())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException | UncheckedIOException failure) {
            LOG.warn("could not delete the run's Redis files in {}", redis.dataDirectory(), failure);
        }
    }

    private static void awaitReady(String url, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server at " + url + " did not become ready (see server.log)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
