package org.helpline.support;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.config.HelplineConfig;
import org.helpline.node.HelplineNode;
import org.helpline.store.Deadline;
import org.helpline.store.EmbeddedRedis;
import org.helpline.store.Keys;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving a test class its own real redis-server and one or more helpline nodes on it, plus the
 * client-side steps every end-to-end test takes. Register it as a static field with {@code @RegisterExtension}.
 * Sockets opened through it are closed after each test; nodes and Redis after the class.
 */
public final class Helpline implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final Pattern AVAILABLE_GAUGE =
            Pattern.compile("(?m)^helpline_counsellors_available(\\{[^}]*})? (\\S+)");
    private final HelplineConfig config;
    private final int nodeCount;
    private final Optional<Supplier<String>> otherRedis;
    private final Clock clock;
    private final List<HelplineNode> nodes = new ArrayList<>();
    private final List<TestSocket> sockets = new ArrayList<>();
    private final AtomicInteger visitors = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedRedis redis;
    private String redisUrl;
    private Vertx clientVertx;

    private Helpline(HelplineConfig config, int nodeCount, Optional<Supplier<String>> otherRedis, Clock clock) {
        this.config = config;
        this.nodeCount = nodeCount;
        this.otherRedis = otherRedis;
        this.clock = clock;
    }

    public static Helpline nodes(int count, HelplineConfig config) {
        return new Helpline(config, count, Optional.empty(), Clock.systemUTC());
    }

    /** Nodes on a Redis the test started itself (e.g. {@link SentinelRedis}), read when the class starts. */
    public static Helpline nodes(int count, HelplineConfig config, Supplier<String> redisUrl) {
        return new Helpline(config, count, Optional.of(redisUrl), Clock.systemUTC());
    }

    /** Nodes that read the time from {@code clock} (e.g. a {@link SettableClock}). */
    public static Helpline nodes(int count, HelplineConfig config, Clock clock) {
        return new Helpline(config, count, Optional.empty(), clock);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (otherRedis.isPresent()) {
            redisUrl = otherRedis.get().get();
        } else {
            redis = TestRedis.start();
            redisUrl = redis.url();
        }
        clientVertx = Vertx.vertx();
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(Waits.await(HelplineNode.start(config, redisUrl, clock), 30));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sockets.forEach(TestSocket::close);
        sockets.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        afterEach(context);
        for (HelplineNode node : nodes) {
            if (node != null) {
                Waits.await(node.close(), 60);
            }
        }
        nodes.clear();
        try {
            Waits.await(clientVertx.close(), 10);
        } catch (AssertionError slowClientClose) {
            // The test clients' Vert.x can keep a connection to a node stopped dead (halt) for its 30 s close
            // timeout; what the test checked is done, so the class does not wait for it.
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Stops node {@code index} as an operator does (SIGTERM): its sockets close and its verticles stop. */
    public void stop(int index) {
        HelplineNode node = nodes.set(index, null);
        Waits.await(node.close(), 60);
    }

    /** Stops node {@code index} as if its process died (no clean-up reaches Redis). */
    public void halt(int index) {
        HelplineNode node = nodes.set(index, null);
        Waits.await(node.halt());
    }

    /**
     * The counsellor's reconnect grace over at once: her presence deadline due now. Her consoles must be closing: once
     * the node has recorded the last one's close (which sets the deadline to now + grace, and would put back a
     * deadline made due before), it is made due.
     */
    public void graceOver(String counsellorId) {
        Waits.until(() -> inRedis(redis -> redis.zcount(Keys.consoles(counsellorId),
                Range.create(System.currentTimeMillis(), Long.MAX_VALUE))), left -> left == 0, 10,
                "the node recorded her consoles' close");
        inRedis(redis -> redis.zadd(Keys.DEADLINES, 0, Deadline.presence(counsellorId).member()));
    }

    /** The configuration the nodes were started with. */
    public HelplineConfig config() {
        return config;
    }

    public EmbeddedRedis redis() {
        return redis;
    }

    public int port(int node) {
        return nodes.get(node).httpPort();
    }

    public TestSocket socket(int node, String path) {
        return socket(node, path, null);
    }

    /**
     * A socket; a visitor socket comes from an address of its own (forwarded as by a proxy, which the test
     * configuration trusts), as each visitor of a test is another person.
     */
    public TestSocket socket(int node, String path, String origin) {
        int visitor = visitors.incrementAndGet();
        Map<String, String> headers = path.startsWith("/ws/visitor") ? Map.of("X-Forwarded-For",
                "10." + (visitor >> 16 & 255) + "." + (visitor >> 8 & 255) + "." + (visitor & 255)) : Map.of();
        TestSocket socket = TestSocket.open(clientVertx, port(node), path, origin, headers);
        sockets.add(socket);
        return socket;
    }

    /**
     * A visitor socket as if from {@code address}, forwarded by this loopback client acting as a proxy: the node must
     * trust 127.0.0.1 ({@code http.trustedProxies}).
     */
    public TestSocket visitorFrom(int node, String address) {
        TestSocket socket = TestSocket.open(clientVertx, port(node), "/ws/visitor", null,
                Map.of("X-Forwarded-For", address));
        sockets.add(socket);
        return socket;
    }

    /**
     * A visitor socket that has started a conversation; a start answered {@code unavailable} (Redis or its pub/sub
     * link out for a moment: a test that drops them) is sent again, as the visitor page does, a few times.
     */
    public Visitor visitor(int node, JsonObject triage) {
        TestSocket socket = socket(node, "/ws/visitor");
        for (int tried = 1; ; tried++) {
            socket.send(new JsonObject().put("type", "start").put("triage", triage));
            JsonObject answer = socket.take(frame -> "started".equals(frame.getString("type"))
                    || "error".equals(frame.getString("type")), "started");
            if ("started".equals(answer.getString("type"))) {
                return new Visitor(socket, answer);
            }
            if (!"unavailable".equals(answer.getString("code")) || tried == 5) {
                throw new AssertionError("the start refused: " + answer.encode());
            }
            TestSocket.sleep(Duration.ofMillis(200L * tried));
        }
    }

    /**
     * A visitor on node 0 whose chat went straight to this (available, direct-assignment) console; both sides have
     * taken their {@code assigned} frame.
     */
    public Visitor assignedVisitor(TestSocket console, JsonObject triage) {
        Visitor visitor = visitor(0, triage);
        console.take(f -> "assigned".equals(f.getString("type"))
                && visitor.conversation().equals(f.getString("conversation")), "the visitor's chat assigned");
        visitor.socket().next("assigned");
        return visitor;
    }

    /** Another socket of a visitor, resumed with the secret; the {@code resumed} frame has been taken. */
    public TestSocket resumed(int node, Visitor visitor) {
        TestSocket socket = socket(node, "/ws/visitor");
        socket.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()));
        socket.next("resumed");
        return socket;
    }

    /** Another socket of a visitor, resumed with the code, as after a quick exit; the {@code resumed} frame taken. */
    public TestSocket resumedByCode(int node, Visitor visitor) {
        TestSocket socket = socket(node, "/ws/visitor");
        socket.send(new JsonObject().put("type", "resume").put("code", visitor.started().getString("resumeCode")));
        socket.next("resumed");
        return socket;
    }

    /** Logs a counsellor in over HTTP and returns the session token. */
    public String login(int node, String id, String password) {
        HttpResponse<String> response = post(node, "/api/counsellor/login",
                new JsonObject().put("id", id).put("password", password).encode());
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }

    /** A console authenticated with a fresh session, set available; the welcome frame has been taken. */
    public TestSocket availableConsole(int node, String counsellorId, String password) {
        TestSocket console = console(node, counsellorId, password);
        console.send(new JsonObject().put("type", "status").put("status", "available"));
        console.next("status");
        return console;
    }

    /** A console authenticated with a fresh session, as it starts (away); the welcome frame has been taken. */
    public TestSocket console(int node, String counsellorId, String password) {
        return staffSocket(node, "/ws/console", counsellorId, password);
    }

    /** A supervisor's socket authenticated with a fresh session; the welcome frame has been taken. */
    public TestSocket supervisor(int node, String supervisorId, String password) {
        return staffSocket(node, "/ws/supervisor", supervisorId, password);
    }

    private TestSocket staffSocket(int node, String path, String accountId, String password) {
        TestSocket socket = socket(node, path);
        socket.send(new JsonObject().put("type", "auth").put("token", login(node, accountId, password)));
        socket.next("welcome");
        return socket;
    }

    /** The deadline counts in Redis: created, fired, cancelled, and pending (still scheduled). */
    public Map<String, Long> deadlineCounts() {
        return inRedis(commands -> {
            Map<String, Long> counts = new HashMap<>();
            commands.hgetall("hl:deadlines:stats").forEach((k, v) -> counts.put(k, Long.parseLong(v)));
            counts.put("pending", commands.zcard("hl:deadlines"));
            return counts;
        });
    }

    /**
     * Reads (or writes) this class's Redis directly, with a short-lived synchronous connection (test thread only). The
     * client's shutdown is waited for a few seconds at most: once in a CI run it never completed (Netty's event loops
     * of that client never ended), and the whole suite waited on it.
     */
    public <T> T inRedis(Function<RedisCommands<String, String>, T> use) {
        RedisClient client = RedisClient.create(redisUrl);
        try (var connection = client.connect()) {
            return use.apply(connection.sync());
        } finally {
            try {
                client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // its threads are left to end by themselves: the test goes on
            }
        }
    }

    /** The counsellors free to take a chat, as the node's gauge last counted them (-1 before its first sample). */
    public double availableCounsellorsGauge(int node) {
        Matcher matcher = AVAILABLE_GAUGE.matcher(get(node, "/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : -1;
    }

    public HttpResponse<String> get(int node, String path) {
        return send(HttpRequest.newBuilder(uri(node, path)).GET().build());
    }

    public HttpResponse<String> post(int node, String path, String json) {
        return send(HttpRequest.newBuilder(uri(node, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A GET (no body) or a JSON POST with {@code Authorization: Bearer <token>}. */
    public HttpResponse<String> withToken(int node, String token, String path, String jsonOrNull) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(node, path))
                .header("Authorization", "Bearer " + token);
        return send(jsonOrNull == null ? request.GET().build() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonOrNull)).build());
    }

    private URI uri(int node, String path) {
        return URI.create("http://localhost:" + port(node) + path);
    }

    /** Sends any request with this class's HTTP client; an I/O failure fails the test. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A visitor's socket and the conversation it started. */
    public record Visitor(TestSocket socket, JsonObject started) {
        public String conversation() {
            return started.getString("conversation");
        }

        public String secret() {
            return started.getString("resumeSecret");
        }

        /** Sends a message and takes its {@code ack}. */
        public void says(String clientId, String text) {
            socket.send(new JsonObject().put("type", "send").put("clientId", clientId).put("text", text));
            socket.next("ack");
        }

        public void end() {
            socket.send(new JsonObject().put("type", "end"));
            socket.next("ended");
        }
    }
}
