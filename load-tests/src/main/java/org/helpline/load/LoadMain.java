package org.helpline.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.helpline.store.EmbeddedRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar load-tests/target/helpline-load.jar <steady|surge|idle|baseline|all> [options]}, from the project
 * directory. With {@code --start-server} it starts its own redis-server and the server jar (a separate process, as in
 * production) with load counsellor accounts; otherwise it drives {@code --url} (whose counsellors must be
 * {@code load.1..N} with the load password). The report goes to {@code --report} (default
 * {@code load-tests/target/load-report.md}).
 */
public final class LoadMain {
    private static final Logger LOG = LoggerFactory.getLogger(LoadMain.class);

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path target = Path.of(options.text("work-dir", "load-tests/target"));
        Files.createDirectories(target);
        int visitors = options.number("visitors", 200);
        int capacity = options.number("capacity", 4);
        int counsellors = Math.max(options.number("counsellors", 0), (visitors + capacity - 1) / capacity);
        String url = options.text("url", "http://localhost:8080");
        Optional<String> redisUrl = Optional.ofNullable(options.values().get("redis-url"));
        EmbeddedRedis redis = null;
        Process server = null;
        try {
            if (options.flag("start-server")) {
                redis = EmbeddedRedis.start(target.resolve("redis-" + System.currentTimeMillis()));
                redisUrl = Optional.of(redis.url());
                Path config = LoadAccounts.write(Path.of(options.text("config", "config")), target.resolve(
                        "load-config"), Math.max(counsellors, options.number("surge-counsellors", 20)), capacity);
                int port = freePort();
                url = "http://localhost:" + port;
                server = startServer(options, config, port, redis.url(), target.resolve("server.log"));
                awaitReady(url);
            }
            Report report = new Report(String.join(" ", args), machine());
            Path file = Path.of(options.text("report", target.resolve("load-report.md").toString()));
            String scenario = options.scenario();
            if (scenario.equals("steady") || scenario.equals("all")) {
                report.add(Scenarios.steady(url, redisUrl, visitors, capacity,
                        options.seconds("every", 5), options.seconds("duration", 60)).await());
                Files.writeString(file, report.toString());
            }
            if (scenario.equals("surge") || scenario.equals("all")) {
                report.add(Scenarios.surge(url, redisUrl, options.number("chats", 1000),
                        options.seconds("within", 60), options.number("surge-counsellors", 20), capacity,
                        options.seconds("handle", 5), options.seconds("surge-duration", 90)).await());
                Files.writeString(file, report.toString());
            }
            if (scenario.equals("idle") || scenario.equals("all")) {
                report.add(Scenarios.idle(url, options.number("idle-visitors", 2000),
                        options.seconds("idle-duration", 30)).await());
                Files.writeString(file, report.toString());
            }
            if (scenario.equals("baseline") || scenario.equals("all")) {
                Baselines.Relay relay = Baselines.startRelay().await();
                Latency latency = Baselines.driveRelay(relay, options.number("pairs", visitors),
                        options.seconds("every", 5), options.seconds("baseline-duration", 20)).await();
                relay.close().await();
                double sets = redisUrl.isPresent()
                        ? Baselines.redisSetsPerSecond(redisUrl.get(), 200_000).await() : -1;
                report.baseline(latency, sets);
                Files.writeString(file, report.toString());
            }
            LOG.info("Load report written to {}\n{}", file.toAbsolutePath(), report);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(15, TimeUnit.SECONDS);
            }
            if (redis != null) {
                redis.close();
            }
        }
        System.exit(0);
    }

    private static Process startServer(Options options, Path config, int port, String redisUrl, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx" + options.text("server-heap", "1g"),
                "-jar", options.text("server-jar", "server/target/helpline-server.jar"));
        builder.environment().put("HELPLINE_CONFIG", config.toString());
        builder.environment().put("HELPLINE_HTTP_PORT", Integer.toString(port));
        builder.environment().put("REDIS_URL", redisUrl);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static void awaitReady(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
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

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }
}
