package org.helpline.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.helpline.store.EmbeddedRedis;

/**
 * What {@code --start-server} starts: a real redis-server and the server jar as a separate process (as in
 * production) with the load counsellor accounts. Stopped by {@link #close}, and by a shutdown hook when the generator
 * is interrupted (Ctrl-C, SIGTERM) or stops itself, so that nothing is left running.
 */
final class LocalServer implements AutoCloseable {
    private final EmbeddedRedis redis;
    private final Process server;
    private final Thread hook;
    private final String url;
    private boolean closed;

    private LocalServer(EmbeddedRedis redis, Process server, String url) {
        this.redis = redis;
        this.server = server;
        this.url = url;
        this.hook = new Thread(this::stop, "stop-load-server");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts Redis and the server ({@code -Xmx} from {@code --server-heap}), and waits until it is ready. */
    static LocalServer start(Options options, Path work, int counsellors, int capacity) throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(work.resolve("redis-" + System.nanoTime()));
        Process server = null;
        try {
            Path config = LoadAccounts.write(Path.of(options.text("config", "config")), work.resolve("load-config"),
                    counsellors, capacity);
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + options.text("server-heap", "1g"), "-jar",
                    options.text("server-jar", "server/target/helpline-server.jar"));
            builder.environment().put("HELPLINE_CONFIG", config.toString());
            builder.environment().put("HELPLINE_HTTP_PORT", Integer.toString(port));
            builder.environment().put("REDIS_URL", redis.url());
            builder.redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
            server = builder.start();
            LocalServer started = new LocalServer(redis, server, "http://localhost:" + port);
            awaitReady(started.url, server);
            return started;
        } catch (Exception | Error failure) {
            if (server != null) {
                server.destroyForcibly();
            }
            redis.close();
            throw failure;
        }
    }

    Target target() {
        return new Target(url, Optional.of(redis.url()), Optional.of(server.toHandle()));
    }

    ProcessHandle process() {
        return server.toHandle();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        server.destroy();
        try {
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        redis.close();
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
