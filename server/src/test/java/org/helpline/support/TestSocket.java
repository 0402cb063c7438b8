package org.helpline.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real WebSocket client for tests: every frame received is kept until a test takes it, so waiting for one frame
 * type never loses another. Waiting blocks the test thread (never an event loop).
 */
public final class TestSocket implements AutoCloseable {
    /**
     * How long a test listens to be sure that a frame does not come, or that no more come after the expected ones.
     * Here everything is on loopback: a frame on its way (a Redis round trip and a pub/sub hop) takes a few ms.
     */
    public static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<JsonObject> received = new ArrayList<>();
    private final CompletableFuture<Short> closeStatus = new CompletableFuture<>();

    private TestSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            synchronized (received) {
                received.add(new JsonObject(text));
                received.notifyAll();
            }
        });
        socket.closeHandler(ignored -> closeStatus.complete(socket.closeStatusCode()));
    }

    public static TestSocket open(Vertx vertx, int port, String path) {
        return open(vertx, port, path, null);
    }

    public static TestSocket open(Vertx vertx, int port, String path, String origin) {
        return open(vertx, port, path, origin, Map.of());
    }

    /** A socket whose handshake carries these headers too (e.g. X-Forwarded-For, for a trusted proxy). */
    public static TestSocket open(Vertx vertx, int port, String path, String origin, Map<String, String> headers) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port)
                .setURI(path);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        headers.forEach(options::addHeader);
        WebSocket socket = Waits.await(client.connect(options), 10);
        return new TestSocket(client, socket);
    }

    public static TestSocket visitor(Vertx vertx, int port) {
        return open(vertx, port, "/ws/visitor");
    }

    public TestSocket send(JsonObject frame) {
        Waits.await(socket.writeTextMessage(frame.encode()), 5);
        return this;
    }

    public TestSocket sendText(String text) {
        Waits.await(socket.writeTextMessage(text), 5);
        return this;
    }

    public WebSocket raw() {
        return socket;
    }

    /** Takes the first frame of this type, waiting for it. */
    public JsonObject next(String type) {
        return take(frame -> type.equals(frame.getString("type")), "a '" + type + "' frame");
    }

    /** Takes the first frame matching, waiting for it. */
    public JsonObject take(Predicate<JsonObject> matching, String description) {
        return take(matching, description, WAIT);
    }

    /** Takes the first frame matching, waiting for it at most {@code within}. */
    public JsonObject take(Predicate<JsonObject> matching, String description, Duration within) {
        return awaitReceived(() -> {
            Iterator<JsonObject> frames = received.iterator();
            while (frames.hasNext()) {
                JsonObject frame = frames.next();
                if (matching.test(frame)) {
                    frames.remove();
                    return Optional.of(frame);
                }
            }
            return Optional.empty();
        }, description, within);
    }

    /** Takes the first {@code count} frames of this type, in the order received, waiting for them. */
    public List<JsonObject> take(String type, int count) {
        return awaitReceived(() -> {
            if (ofType(type).size() < count) {
                return Optional.empty();
            }
            List<JsonObject> taken = new ArrayList<>();
            Iterator<JsonObject> frames = received.iterator();
            while (taken.size() < count) {
                JsonObject frame = frames.next();
                if (type.equals(frame.getString("type"))) {
                    frames.remove();
                    taken.add(frame);
                }
            }
            return Optional.of(taken);
        }, count + " '" + type + "' frames", WAIT);
    }

    /**
     * Waits for {@code count} frames of this type, listens {@link #QUIET} for one too many, and takes every frame of
     * this type: a frame too many (a message doubled) is in the list for the caller's assertion to see.
     */
    public List<JsonObject> exactly(String type, int count) {
        List<JsonObject> all = new ArrayList<>(take(type, count));
        all.addAll(drain(type, QUIET));
        return all;
    }

    /** Runs {@code attempt} under the lock each time a frame arrives, until it finds something or the wait ends. */
    private <T> T awaitReceived(Supplier<Optional<T>> attempt, String description, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (received) {
            while (true) {
                Optional<T> found = attempt.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + description + " within " + within + "; received " + received);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    private List<JsonObject> ofType(String type) {
        return received.stream().filter(frame -> type.equals(frame.getString("type"))).toList();
    }

    /**
     * The ack of {@code frame} (a send with a clientId), already sent once: after each {@code unavailable} error
     * answering it, resends the same frame until it is acknowledged, for at most {@code within}. Any other error
     * fails: {@code unavailable} is the one the protocol tells a client to resend on.
     */
    public JsonObject untilAcked(JsonObject frame, Duration within) {
        String clientId = frame.getString("clientId");
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonObject answer = take(f -> "ack".equals(f.getString("type")) && clientId.equals(f.getString("clientId"))
                    || "error".equals(f.getString("type")) && clientId.equals(f.getString("ref")),
                    "the ack or error of " + clientId);
            if ("ack".equals(answer.getString("type"))) {
                return answer;
            }
            if (!"unavailable".equals(answer.getString("code"))) {
                throw new AssertionError(clientId + " answered with an error to give up on: " + answer);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(clientId + " not acknowledged within " + within + "; last answer " + answer);
            }
            sleep(Duration.ofMillis(300));
            send(frame);
        }
    }

    /** The error frame answering this reference. */
    public JsonObject error(String code) {
        return take(frame -> "error".equals(frame.getString("type")) && code.equals(frame.getString("code")),
                "an error '" + code + "'");
    }

    /**
     * For asserting that frames do NOT come: the frames of this type received so far (left in place) after listening
     * {@code quiet} for stragglers. A frame that should come is waited for by count: {@link #take(String, int)}.
     */
    public List<JsonObject> all(String type, Duration quiet) {
        sleep(quiet);
        synchronized (received) {
            return ofType(type);
        }
    }

    /**
     * For asserting that something does NOT come: every frame not taken (left in place), after listening
     * {@code quiet}.
     */
    public List<JsonObject> frames(Duration quiet) {
        sleep(quiet);
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many frames of this type were received so far and not taken, without waiting. */
    public int count(String type) {
        synchronized (received) {
            return ofType(type).size();
        }
    }

    /** Takes every frame of this type received so far, without waiting. */
    public List<JsonObject> drain(String type) {
        return drain(type, Duration.ZERO);
    }

    private List<JsonObject> drain(String type, Duration quiet) {
        sleep(quiet);
        synchronized (received) {
            List<JsonObject> taken = ofType(type);
            received.removeIf(frame -> type.equals(frame.getString("type")));
            return taken;
        }
    }

    /** Sends without waiting for the write to complete (for load and random tests). */
    public void sendLater(JsonObject frame) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(frame.encode());
        }
    }

    /** Sends a ping and waits for its pong: proves the socket is still served. */
    public void assertServed() {
        send(new JsonObject().put("type", "ping"));
        next("pong");
    }

    public short awaitClose() {
        try {
            return closeStatus.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + WAIT, e);
        }
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Drops the connection without waiting for anything, as when the server's process died. */
    public void abort() {
        socket.close();
        client.close();
    }

    /** Closes the socket and its client; a peer that no longer answers (a stopped node) is not waited for. */
    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                Waits.await(socket.close(), 2);
            }
            Waits.await(client.close(), 2);
        } catch (AssertionError | RuntimeException peerGone) {
            // the server side is gone: nothing to hand-shake with
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
