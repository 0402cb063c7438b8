package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.helpline.auth.Digests;
import org.helpline.config.AddressRange;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HttpSettings;
import org.helpline.config.LoginSettings;
import org.helpline.config.MetricsSettings;
import org.helpline.domain.Counsellor;
import org.helpline.node.HelplineNode;
import org.helpline.store.Keys;
import org.helpline.support.CapturedLogs;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.LoginFlood;
import org.helpline.support.RawHttp;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP side under abuse (docs/security.md): HEAD on every page, slow and idle connections closed, metrics for the
 * operator only with bounded method tags, login throttling per account and per client key, bounded password checks,
 * and a real counsellor's login while dozens of clients guess passwords (from many client keys, or from one). The test
 * client is a trusted proxy (TestConfig), so each test's logins come from addresses of their own (X-Forwarded-For).
 */
class HttpAbuseIT {
    /** Accounts only the busy test guesses at (the floods leave LoginFlood.TARGETS waiting). */
    private static final List<String> BUSY_TARGETS = List.of("busy.1", "busy.2", "busy.3", "busy.4");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HelplineConfig config() {
        List<Counsellor> counsellors = new ArrayList<>(List.of(TestConfig.counsellor("throttle.amina", 2),
                TestConfig.counsellor("quick.1", 2), TestConfig.counsellor("quick.2", 2),
                TestConfig.counsellor("quick.3", 2), LoginFlood.realCounsellor("real.amina")));
        LoginFlood.TARGETS.forEach(id -> counsellors.add(LoginFlood.realCounsellor(id)));
        BUSY_TARGETS.forEach(id -> counsellors.add(LoginFlood.realCounsellor(id)));
        return ConfigBuilder.from(TestConfig.withCounsellors(counsellors.toArray(Counsellor[]::new)))
                .login(new LoginSettings(5, 30, Duration.ofMinutes(5), Duration.ofHours(1), 8)).build();
    }

    @Test
    void everyPageAnswersHead() {
        try (RawHttp raw = RawHttp.connect(helpline.port(0))) {
            for (String path : List.of("/health", "/ready", "/metrics", "/api/visitor/settings", "/", "/console/",
                    "/supervisor/", "/console")) {
                raw.write("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                String head = raw.readHead();
                assertTrue(head.startsWith("HTTP/1.1 200") || head.startsWith("HTTP/1.1 302"), path + ": " + head);
            }
            // no body came after any head: the next answer starts right after the last one
            raw.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(raw.readHead().startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void slowHeadersBodiesNeverSentAndIdleKeepAliveConnectionsAreClosed() {
        HttpSettings http = helpline.config().http();
        withNode(ConfigBuilder.from(helpline.config()).http(new HttpSettings(http.port(), http.publicOrigins(),
                http.allowedOrigins(), http.frameAncestors(), http.trustedProxies(), Duration.ofSeconds(2),
                Duration.ofSeconds(3), http.eventLoops(), http.connectionsPerClient())).build(), port -> {
            try (RawHttp slow = RawHttp.connect(port)) {
                long start = System.nanoTime();
                for (String piece : List.of("GET /health HTTP/1.1\r\n", "Host: local", "host\r\nX-Slow: ")) {
                    slow.write(piece);
                    TestSocket.sleep(Duration.ofMillis(500));
                }
                slow.readUntilClosed(Duration.ofSeconds(6));
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                System.out.printf("slowloris connection closed after %d s%n", seconds);
                assertTrue(seconds >= 1 && seconds <= 4, "closed after " + seconds + " s");
            }
            try (RawHttp bodiless = RawHttp.connect(port); CapturedLogs logs = new CapturedLogs()) {
                long start = System.nanoTime(); // a body announced, never sent
                bodiless.write("POST /api/counsellor/login HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"id\":");
                bodiless.readUntilClosed(Duration.ofSeconds(6));
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertTrue(seconds >= 1 && seconds <= 4, "a body never sent: closed after " + seconds + " s");
                TestSocket.sleep(Duration.ofMillis(200));
                assertEquals(List.of(), logs.errors(), "the client's doing, not the server's error");
            }
            try (RawHttp idle = RawHttp.connect(port)) {
                idle.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertTrue(idle.readHead().startsWith("HTTP/1.1 200"));
                long start = System.nanoTime();
                idle.readUntilClosed(Duration.ofSeconds(8));
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertTrue(seconds >= 2 && seconds <= 5, "idle keep-alive closed after " + seconds + " s");
            }
            return null;
        });
    }

    @Test
    void metricsAreForTheOperatorOnlyAndMethodTagsStayBounded() {
        assertEquals(200, helpline.get(0, "/metrics").statusCode()); // loopback is allowed by default
        withNode(ConfigBuilder.from(helpline.config()).metrics(new MetricsSettings(
                List.of(AddressRange.parse("10.0.0.0/8").orElseThrow()), Optional.empty())).build(), port -> {
            assertEquals(404, helpline.send(request(port, "/metrics").GET().build()).statusCode());
            return null;
        });
        String token = "operator-token-0123456789";
        withNode(ConfigBuilder.from(helpline.config()).metrics(helpline.config().metrics().withToken(token))
                .build(), port -> {
            HttpResponse<String> anonymous = helpline.send(request(port, "/metrics").GET().build());
            assertEquals(401, anonymous.statusCode());
            assertEquals(200, helpline.send(request(port, "/metrics").header("Authorization", "Bearer " + token).GET()
                    .build()).statusCode());
            return null;
        });

        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            String method = "X" + Long.toString(Math.abs(random.nextLong()), 36).toUpperCase();
            helpline.send(request(helpline.port(0), "/health").method(method, HttpRequest.BodyPublishers.noBody())
                    .build());
        }
        String metrics = helpline.get(0, "/metrics").body();
        assertFalse(metrics.contains("method=\"X"), "an invented method became a tag");
        assertTrue(metrics.contains("method=\"other\""), "invented methods are counted as other");
        System.out.printf("metrics page after 300 invented methods: %d bytes%n", metrics.length());
    }

    /**
     * A file posted to a login or supervisor route, without any login, is not written to disk: else anyone could fill
     * the disk the embedded Redis writes to, and each file would be a copy nothing deletes.
     */
    @Test
    void filesPostedWithoutALoginAreNeverWrittenToDisk() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "UPLOADCANARY ".repeat(50) + "\r\n--" + boundary + "--\r\n";
        for (String path : List.of("/api/counsellor/login", "/api/supervisor/blocks/lift", "/api/visitor/quick-exit")) {
            HttpResponse<String> answer = helpline.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + helpline.port(0) + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertTrue(answer.statusCode() == 400 || answer.statusCode() == 401, path + ": " + answer.statusCode());
        }
        assertFalse(Files.exists(Path.of(BodyHandler.DEFAULT_UPLOADS_DIRECTORY)), "no uploads directory");
    }

    @Test
    void clientMistakesAreNotLoggedAsErrors() {
        try (CapturedLogs logs = new CapturedLogs()) {
            HttpResponse<String> tooLarge = helpline.post(0, "/api/counsellor/login", "{\"id\":\""
                    + "x".repeat(10_000) + "\"}");
            assertEquals(413, tooLarge.statusCode());
            assertEquals("too_large", new JsonObject(tooLarge.body()).getString("error"));
            assertEquals(400, helpline.post(0, "/api/counsellor/login", "not json").statusCode());
            assertEquals(List.of(), logs.errors());
        }
    }

    @Test
    void failedLoginsSlowDownPerAccountWhetherItExistsOrNot() {
        for (String account : List.of("throttle.amina", "nobody.here")) {
            for (int i = 0; i < 6; i++) {
                assertEquals(401, login(account, "wrong-" + i, "198.51.100.1").statusCode(), account + " attempt " + i);
            }
            HttpResponse<String> refused = login(account, "wrong-again", "198.51.100.1");
            assertEquals(429, refused.statusCode(), account);
            assertEquals("too_many_attempts", new JsonObject(refused.body()).getString("error"));
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        }
        Waits.until(() -> login("throttle.amina", TestConfig.PASSWORD, "198.51.100.1").statusCode() == 200, 10,
                "the right password is accepted once the wait is over");
        for (int i = 0; i < 5; i++) { // a successful login forgets the failures
            assertEquals(401, login("throttle.amina", "wrong-" + i, "198.51.100.1").statusCode());
        }
    }

    @Test
    void oneClientGuessingAcrossAccountsIsSlowedWhileAnotherClientLogsIn() {
        int free = helpline.config().login().freeFailuresPerClient();
        Map<Integer, Long> answered = guessAtOnce(free + 10, "spread.", "198.51.100.2");
        assertEquals(Map.of(401, free + 1L, 429, 9L), answered,
                "the client's free failures and one more (which sets its wait), then the wait");
        Waits.until(() -> {
            HttpResponse<String> refused = login("spread.more", "guess", "198.51.100.2");
            return refused.statusCode() == 429 && refused.headers().firstValue("Retry-After").orElse("0")
                    .compareTo("2") >= 0;
        }, 30, "the client's wait has grown past a second");
        assertEquals(429, login("real.amina", TestConfig.PASSWORD, "198.51.100.2").statusCode(),
                "the waiting client's next attempt is refused unchecked, whatever the account");
        assertEquals(200, login("real.amina", TestConfig.PASSWORD, "198.51.100.3").statusCode(),
                "a counsellor on another client key is not slowed");

        // a correct login is not counted as the client's failure; its earlier failures stay counted
        assertEquals(Map.of(401, free - 1L), guessAtOnce(free - 1, "mistyped.", "198.51.100.4"));
        assertEquals(200, login("throttle.amina", TestConfig.PASSWORD, "198.51.100.4").statusCode());
        // on accounts with a quick hash, so that the answers come well within the client's first wait (1 s)
        assertEquals(401, login("quick.1", "wrong", "198.51.100.4").statusCode(), "the last free failure");
        assertEquals(401, login("quick.2", "wrong", "198.51.100.4").statusCode(), "one more, then a wait");
        assertEquals(429, login("quick.3", "wrong", "198.51.100.4").statusCode());
    }

    /** One wrong guess on each of {@code count} accounts, all at once, from {@code address}: the statuses counted. */
    private Map<Integer, Long> guessAtOnce(int count, String accountPrefix, String address) {
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            guesses.add(http.sendAsync(LoginFlood.request(helpline.port(0), accountPrefix + i, "guess", address),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return guesses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
    }

    @Test
    void aRealLoginSucceedsWhileGuessesFloodFromManyClients() throws Exception {
        realLoginUnderFlood("48 client keys", attacker -> "203.0.113." + attacker);
    }

    @Test
    void aRealLoginSucceedsWhileGuessesFloodFromOneClient() throws Exception {
        realLoginUnderFlood("one client key", attacker -> "203.0.114.1");
    }

    private static void realLoginUnderFlood(String clients, IntFunction<String> addressOf) throws Exception {
        LoginFlood.RealLogins logins;
        Map<Integer, Long> statuses;
        int guesses;
        try (LoginFlood flood = LoginFlood.start(helpline.port(0), 48, addressOf, 200)) {
            logins = flood.realLogins("real.amina", "198.51.100.50", 20);
            statuses = flood.statuses();
            guesses = flood.guesses();
        }
        System.out.printf("real login under a flood of %d guesses by 48 clients (%s): median %d ms,"
                + " p99 (max of 20) %d ms, %d busy answers; guesses answered %s%n", guesses, clients,
                logins.median(), logins.p99(), logins.busy(), statuses);
        assertTrue(Set.of(401, 429, 503).containsAll(statuses.keySet()), statuses.toString());
        assertTrue(statuses.containsKey(429), "guesses were throttled");
        assertEquals(0, logins.busy(), "the counsellor's check goes before every guess (they have failures)");
        assertTrue(logins.p99() < 5000, "p99 " + logins.p99() + " ms");
    }

    @Test
    void aFullPasswordCheckQueueAnswersBusy() {
        withNode(ConfigBuilder.from(helpline.config()).login(new LoginSettings(5, 30, Duration.ofMinutes(5),
                Duration.ofHours(1), 1)).build(), port -> {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String target = BUSY_TARGETS.get(i % BUSY_TARGETS.size());
                answers.add(http.sendAsync(LoginFlood.request(port, target, "busy-" + i, "198.51.100.5"),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> busy = answers.stream().map(CompletableFuture::join)
                    .filter(response -> response.statusCode() == 503).toList();
            assertFalse(busy.isEmpty(), "some checks were refused as busy");
            assertEquals("busy", new JsonObject(busy.get(0).body()).getString("error"));
            assertEquals("1", busy.get(0).headers().firstValue("Retry-After").orElseThrow());
            // an attempt answered busy was never checked: its account's count is taken back, not left as a failure
            long checked = answers.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 401).count();
            Waits.until(() -> checked == BUSY_TARGETS.stream().mapToLong(account -> Long.parseLong(Optional
                    .ofNullable(helpline.inRedis(redis -> redis.get(Keys.loginFailures(Digests.sha256(account)))))
                    .orElse("0"))).sum(), 10, "failures counted: the attempts checked, not those answered busy");
            return null;
        });
    }

    private <T> T withNode(HelplineConfig config, Function<Integer, T> test) {
        HelplineNode node = Waits.await(HelplineNode.start(config, helpline.redis().url()), 30);
        try {
            return test.apply(node.httpPort());
        } finally {
            Waits.await(node.close(), 30);
        }
    }

    private HttpResponse<String> login(String account, String password, String address) {
        return helpline.send(LoginFlood.request(helpline.port(0), account, password, address));
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }
}
