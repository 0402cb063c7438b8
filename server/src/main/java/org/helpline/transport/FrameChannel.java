package org.helpline.transport;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.helpline.config.Limits;
import org.helpline.domain.SendAllowance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The JSON frame layer shared by the visitor and console sockets: size limit, rate limit, JSON parsing and dispatch
 * by {@code type}; each handler's failure becomes an error frame while the socket stays open. A client that keeps
 * breaking the rules is disconnected with close code 1008 after {@code maxViolations} refusals in a row
 * ({@code rate_limited} answers are not refusals: the client is told to retry later, as the protocol says).
 * While a frame
 * is dispatched, and when its failure is logged, the socket's random id is in the logging context ({@code socket}).
 * Silence and the frame rate are elapsed times, measured with the monotonic {@code System.nanoTime}, so a step of
 * the wall clock (NTP, a resumed VM) neither closes sockets as silent nor refuses their frames.
 */
final class FrameChannel {
    static final short POLICY_VIOLATION = 1008;
    static final short MESSAGE_TOO_BIG = 1009;
    /** A staff page that sent nothing, not even its ping, for too long. */
    static final short HEARTBEAT_MISSED = 4002;
    private static final Logger LOG = LoggerFactory.getLogger(FrameChannel.class);
    /** The logging context key of the socket's id (see logback.xml). */
    static final String LOG_KEY = "socket";
    private static final String PING = "ping";
    /** The fields of a frame that an error about it gives back. */
    private static final List<String> ECHOED = List.of("conversation", "search");
    /**
     * A client that has not read what it was sent for this long, its socket's write queue full all along, is closed:
     * what the node writes to a client that never reads would otherwise stay in the node's memory.
     */
    static final Duration NOT_READING = Duration.ofSeconds(60);
    /** Frames refused in a row for the rate, none taken between, after which the socket is closed as a flood. */
    static final int RATE_FLOOD = 200;

    private final ServerWebSocket socket;
    private final Limits limits;
    private final SendAllowance allowance;
    private final FramesInHand inHand;
    /** This socket's frames in {@link #inHand}; given back when each is handled, or all when the socket closes. */
    private final AtomicInteger holding = new AtomicInteger();
    private final Map<String, Function<JsonObject, Future<?>>> handlers;
    private final ConnectionShares.Place place;
    private final String socketId;
    private int violations;
    private int refusedForTheRate;
    private long notReadingTimer = -1;
    private final List<Promise<Void>> waitingForRoom = new ArrayList<>();
    private final Context context = Vertx.currentContext();
    private boolean closed;
    private long lastFrameNanos = System.nanoTime();

    /**
     * {@code onClose} runs when the socket has closed, then its connection's {@code place} in its client's share is
     * given back ({@link ConnectionShares}: Vert.x tells an upgraded connection's close to its socket only).
     */
    FrameChannel(ServerWebSocket socket, ConnectionShares.Place place, Limits limits, FramesInHand inHand,
                 Map<String, Function<JsonObject, Future<?>>> handlers, Runnable onClose, String socketId) {
        this.socket = socket;
        this.limits = limits;
        this.inHand = inHand;
        this.handlers = handlers;
        this.place = place;
        this.socketId = socketId;
        this.allowance = new SendAllowance(limits.framesPerSecond(), limits.frameBurst(), System::nanoTime);
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(this::onBinary);
        socket.frameHandler(this::onControlFrame);
        socket.exceptionHandler(this::onBrokenMessage);
        socket.drainHandler(drained -> reading());
        socket.closeHandler(ignored -> {
            closed = true;
            reading();
            inHand.giveBack(holding.getAndSet(0));
            try {
                onClose.run();
            } finally {
                place.closed();
            }
        });
    }

    boolean isOpen() {
        return !closed && !socket.isClosed();
    }

    void send(JsonObject frame) {
        send(frame.encode());
    }

    void send(String encodedFrame) {
        if (isOpen()) {
            socket.writeTextMessage(encodedFrame);
            watchReading();
        }
    }

    /** Once the write queue is full, the client has {@link #NOT_READING} to read from it before it is closed. */
    private void watchReading() {
        if (notReadingTimer < 0 && socket.writeQueueFull()) {
            notReadingTimer = context.owner().setTimer(NOT_READING.toMillis(), id -> {
                notReadingTimer = -1;
                if (socket.writeQueueFull()) {
                    LOG.debug("Closing socket {}: it reads nothing", socketId);
                    close(POLICY_VIOLATION, "not reading");
                }
            });
        }
    }

    /** The client read what was queued for it (or the socket closed): it is not suspected of not reading. */
    private void reading() {
        if (notReadingTimer >= 0) {
            context.owner().cancelTimer(notReadingTimer);
            notReadingTimer = -1;
        }
        List<Promise<Void>> ready = new ArrayList<>(waitingForRoom);
        waitingForRoom.clear();
        ready.forEach(Promise::tryComplete);
    }

    /** Completes when the socket's write queue has room (at once if it has, or once the socket has closed). */
    Future<Void> writable() {
        if (!isOpen() || !socket.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> room = Promise.promise();
        waitingForRoom.add(room);
        return room.future();
    }

    /**
     * Gives this socket's connection's place in its client's own share back now ({@link ConnectionShares.Place}): a
     * socket holding a chat is not counted there (its /48's count stays until it closes).
     */
    void leaveClientShare() {
        place.chatHeld();
    }

    void close(short code, String reason) {
        if (isOpen()) {
            closed = true;
            socket.close(code, reason);
        }
    }

    /**
     * The WebSocket layer refused what the client sent: a frame or a message over {@code hardMessageBytes} (Netty's
     * decoder and Vert.x's aggregator), a compressed frame (compression is not negotiated) or another protocol error.
     * The socket closes with the code the decoder chose (1009 too big, 1002 protocol error), and 1009 for a message
     * that grew too big over several frames; a client's mistake, so nothing is logged above debug.
     */
    private void onBrokenMessage(Throwable failure) {
        short code = failure instanceof CorruptedWebSocketFrameException corrupted
                ? (short) corrupted.closeStatus().code() : MESSAGE_TOO_BIG;
        LOG.debug("Closing socket {}: {}", socketId, failure.getMessage());
        close(code, code == MESSAGE_TOO_BIG ? "message too big" : "protocol error");
    }

    private void onBinary(Buffer ignored) {
        refuse(ErrorFrames.of(ProtocolError.BINARY_NOT_SUPPORTED));
    }

    /** How long since the client last sent a frame (any frame counts as a heartbeat). */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastFrameNanos);
    }

    /**
     * A client silent for longer than {@code timeout} (staff pages ping every 15 s, the visitor's every 20 s) is told
     * so and closed
     * ({@link #HEARTBEAT_MISSED}); answers whether it was.
     */
    boolean closeIfSilentFor(Duration timeout) {
        if (silence().compareTo(timeout) <= 0) {
            return false;
        }
        send(ErrorFrames.of(ProtocolError.HEARTBEAT_MISSED));
        close(HEARTBEAT_MISSED, "heartbeat missed");
        return true;
    }

    private void onText(String text) {
        inLogContext(() -> dispatch(text));
    }

    /**
     * A WebSocket ping or pong (no page sends one: a script may). Vert.x has already answered a ping with its pong,
     * so each counts against the frame rate like a text frame, and a pong written to a client that does not read is
     * watched like any other write: a flood of pings is closed as a flood instead of filling the node's memory.
     */
    private void onControlFrame(WebSocketFrame frame) {
        if (frame.type() == WebSocketFrameType.PING || frame.type() == WebSocketFrameType.PONG) {
            watchReading();
            inLogContext(this::withinTheRate);
        }
    }

    /**
     * Takes one frame from the socket's allowance; a frame over it is answered {@code rate_limited}, a documented
     * "retry later" and not a violation. But no client that waits as told is refused 200 times in a row, and one that
     * does not read its answers is not sent more of them.
     */
    private boolean withinTheRate() {
        if (allowance.tryTake()) {
            refusedForTheRate = 0;
            return true;
        }
        if (++refusedForTheRate > RATE_FLOOD) {
            close(POLICY_VIOLATION, "too many frames");
        } else if (!socket.writeQueueFull()) {
            send(ErrorFrames.of(ProtocolError.RATE_LIMITED));
        }
        return false;
    }

    private void dispatch(String text) {
        lastFrameNanos = System.nanoTime();
        if (!withinTheRate()) {
            return;
        }
        if (text.length() > limits.maxFrameBytes()
                || text.getBytes(StandardCharsets.UTF_8).length > limits.maxFrameBytes()) {
            refuse(ErrorFrames.of(ProtocolError.TOO_LARGE,
                    "The frame is larger than " + limits.maxFrameBytes() + " bytes."));
            return;
        }
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            refuse(ErrorFrames.of(ProtocolError.BAD_JSON));
            return;
        }
        Object type = frame.getValue("type");
        Function<JsonObject, Future<?>> handler = type instanceof String name ? handlers.get(name) : null;
        if (handler == null) {
            JsonObject unknown = ErrorFrames.of(ProtocolError.UNKNOWN_TYPE);
            String ref = reference(frame);
            if (ref != null) {
                unknown.put("ref", ref);
            }
            refuse(aboutItsFrame(unknown, frame));
            return;
        }
        Future<?> outcome;
        if (PING.equals(type)) { // answered at once: it never waits in hand
            outcome = handle(handler, frame);
        } else if (inHand.tryTake()) {
            holding.incrementAndGet();
            outcome = handle(handler, frame).onComplete(done -> {
                if (holding.getAndUpdate(count -> Math.max(0, count - 1)) > 0) {
                    inHand.giveBack(1); // unless the socket closed since and gave back all it held
                }
            });
        } else {
            send(aboutItsFrame(ErrorFrames.of(ProtocolError.UNAVAILABLE).put("ref", reference(frame)),
                    frame)); // nothing done: resend
            return;
        }
        outcome.onSuccess(ignored -> violations = 0).onFailure(failure -> inLogContext(() -> {
            JsonObject error = aboutItsFrame(ErrorFrames.of(failure, reference(frame)), frame);
            if (failure instanceof ProtocolException refused && refused.error() != ProtocolError.UNAVAILABLE) {
                refuse(error); // unavailable is "retry later" (a start whose chat was erased meanwhile), not a refusal
            } else {
                send(error);
            }
        }));
    }

    private static Future<?> handle(Function<JsonObject, Future<?>> handler, JsonObject frame) {
        try {
            return handler.apply(frame);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Runs {@code action} with this socket's id in the logging context, restoring what was there before. */
    private void inLogContext(Runnable action) {
        String previous = MDC.get(LOG_KEY);
        MDC.put(LOG_KEY, socketId);
        try {
            action.run();
        } finally {
            if (previous == null) {
                MDC.remove(LOG_KEY);
            } else {
                MDC.put(LOG_KEY, previous);
            }
        }
    }

    /** What an error answers (protocol.md): the frame's {@code clientId}, else its {@code type}; null if neither. */
    private static String reference(JsonObject frame) {
        Object clientId = frame.getValue("clientId");
        Object type = frame.getValue("type");
        return clientId instanceof String id ? id : type instanceof String name ? name : null;
    }

    /**
     * An error about a frame that named a conversation names it too, and one about a {@code directory} search gives
     * its {@code search} id back (protocol.md, errors).
     */
    private static JsonObject aboutItsFrame(JsonObject error, JsonObject frame) {
        for (String echoed : ECHOED) {
            if (frame.getValue(echoed) instanceof String value && value.length() <= 64) {
                error.put(echoed, value);
            }
        }
        return error;
    }

    private void refuse(JsonObject error) {
        send(error);
        if (++violations >= limits.maxViolations()) {
            close(POLICY_VIOLATION, "too many invalid frames");
        }
    }
}
