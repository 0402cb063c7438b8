package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generator's side of the wire: one Vert.x on one event loop, one WebSocket client (kept in a field for as long
 * as it is used) allowing thousands of sockets, and an HTTP client for login and metrics. One loop, like the nodes:
 * on a machine where a thread waking another is dear, a second loop cost the generator a sixth more CPU per message
 * for nothing (see docs/performance.md, "The generator on one thread").
 *
 * <p>A server on this machine is reached through {@link #LOOPBACK_ADDRESSES} loopback addresses in turn, not one:
 * every socket to one address and port takes an ephemeral port of its own, and Linux tries the range's even ports
 * for {@code connect} first (14,116 of the default 32768-60999), so as they fill each {@code connect} searches longer
 * in the kernel, and once they are all taken each walks through all of them, a millisecond and more on the
 * generator's event loop: near 14,000 sockets the generator stalled half a second and measured it as the server's.
 * Real visitors each come from an address of their own.
 */
final class LoadClient {
    private static final Logger LOG = LoggerFactory.getLogger(LoadClient.class);
    static final int LOOPBACK_ADDRESSES = 8;
    final Vertx vertx;
    private final URI base;
    private final WebSocketClient sockets;
    private final HttpClient http;
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final boolean loopback;

    /** {@code resends}: whether this client's visitors and consoles send refused frames again (see {@link Resends}). */
    final boolean resends;

    LoadClient(Target target) {
        this(target.url(), target.resends());
    }

    LoadClient(String baseUrl) {
        this(baseUrl, false);
    }

    LoadClient(String baseUrl, boolean resends) {
        this.resends = resends;
        this.base = URI.create(baseUrl);
        this.loopback = isLoopback(base.getHost());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(50_000)
                .setConnectTimeout(20_000));
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(port()));
    }

    private int port() {
        return base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || host.startsWith("127.");
    }

    /** The server's host, or on this machine the next loopback address in turn (see the class comment). */
    private String nextHost() {
        return loopback ? "127.0.0." + (1 + attempts.getAndIncrement() % LOOPBACK_ADDRESSES) : base.getHost();
    }

    Future<WebSocket> connect(String path) {
        return sockets.connect(new WebSocketConnectOptions().setHost(nextHost()).setPort(port())
                        .setSsl("https".equals(base.getScheme())).setURI(path))
                .onFailure(failure -> {
                    if (FileBudget.exhausted(failure) && stopping.compareAndSet(false, true)) {
                        LOG.error("The generator ran out of open files ({} sockets open): the run is stopped (the"
                                + " report holds what was measured before: the scenarios done, a starts ramp's steps"
                                + " done). Size it below the open-files limit (ulimit -n).", open.size());
                        // not on the event loop: exit waits for the shutdown hook, which stops the server and Redis
                        new Thread(() -> System.exit(3), "out-of-open-files").start();
                    }
                })
                .onSuccess(socket -> {
                    open.add(socket);
                    if (connected.incrementAndGet() % 1000 == 0) {
                        open.removeIf(WebSocket::isClosed);
                    }
                });
    }

    /**
     * Runs {@code action} every {@code every}, the first time at a random point of the first period. Sockets that
     * begin together (a round of assignments, a batch of connections) would otherwise all write in the same
     * millisecond of every period: a burst each period instead of the steady rate the run reports. Each run is told
     * when it was due ({@link Pace}): the timer runs at a fixed rate (Netty's), a late run followed at once by those
     * due meanwhile, so the k-th run was due k periods after the first.
     */
    long periodic(Duration every, Tick action) {
        long period = every.toMillis();
        long first = 1 + ThreadLocalRandom.current().nextLong(period);
        Pace pace = new Pace(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(first),
                TimeUnit.MILLISECONDS.toNanos(period));
        long[] runs = new long[1]; // one timer's runs come one after the other, on its context
        return vertx.setPeriodic(first, period, timer -> action.run(timer, pace.due(runs[0]++)));
    }

    /** What a {@link #periodic} timer runs: its id (to cancel it), and when this run was due (monotonic clock). */
    interface Tick {
        void run(long timer, long dueNanos);
    }

    /** Looks every 100 ms: completes with true once {@code done} holds, or with false once {@code within} passed. */
    Future<Boolean> until(BooleanSupplier done, Duration within) {
        Promise<Boolean> result = Promise.promise();
        long deadline = System.nanoTime() + within.toNanos();
        vertx.setPeriodic(100, timer -> {
            boolean met = done.getAsBoolean();
            if (met || System.nanoTime() > deadline) {
                vertx.cancelTimer(timer);
                result.tryComplete(met);
            }
        });
        return result.future();
    }

    static void send(WebSocket socket, JsonObject frame) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(frame.encode());
        }
    }

    /** Logs a counsellor in; the session token. */
    Future<String> login(String id, String password) {
        return http.request(HttpMethod.POST, "/api/counsellor/login")
                .compose(request -> request.putHeader("Content-Type", "application/json")
                        .send(new JsonObject().put("id", id).put("password", password).encode()))
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("login of " + id + " answered " + response.statusCode()))
                .map(body -> new JsonObject(body).getString("token"));
    }

    Future<String> get(String path) {
        return http.request(HttpMethod.GET, path).compose(request -> request.send())
                .compose(response -> response.body()).map(Object::toString);
    }

    int openSockets() {
        return (int) open.stream().filter(socket -> !socket.isClosed()).count();
    }

    Future<Void> closeSockets() {
        return Future.join(open.stream().filter(socket -> !socket.isClosed()).map(WebSocket::close).toList())
                .mapEmpty();
    }

    Future<Void> close() {
        return closeSockets().eventually(() -> vertx.close());
    }
}
