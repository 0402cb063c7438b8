package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.helpline.config.Limits;
import org.helpline.domain.SendAllowance;
import org.slf4j.MDC;

/**
 * The JSON frame layer shared by the visitor and console sockets: size limit, rate limit, JSON parsing and dispatch
 * by {@code type}; each handler's failure becomes an error frame while the socket stays open. A client that keeps
 * breaking the rules is disconnected with close code 1008 after {@code maxViolations} refusals in a row. While a frame
 * is dispatched, and when its failure is logged, the socket's random id is in the logging context ({@code socket}).
 */
final class FrameChannel {
    static final short POLICY_VIOLATION = 1008;
    /** The logging context key of the socket's id (see logback.xml). */
    static final String LOG_KEY = "socket";

    private final ServerWebSocket socket;
    private final Limits limits;
    private final SendAllowance allowance;
    private final Map<String, Function<JsonObject, Future<?>>> handlers;
    private final String socketId;
    private final Clock clock;
    private int violations;
    private boolean closed;
    private long lastFrameMillis;

    FrameChannel(ServerWebSocket socket, Limits limits, Map<String, Function<JsonObject, Future<?>>> handlers,
                 Runnable onClose, String socketId, Clock clock) {
        this.socket = socket;
        this.limits = limits;
        this.handlers = handlers;
        this.socketId = socketId;
        this.clock = clock;
        this.lastFrameMillis = clock.millis();
        this.allowance = new SendAllowance(limits.framesPerSecond(), limits.frameBurst(),
                () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(this::onBinary);
        socket.closeHandler(ignored -> {
            closed = true;
            onClose.run();
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
        }
    }

    void close(short code, String reason) {
        if (isOpen()) {
            closed = true;
            socket.close(code, reason);
        }
    }

    private void onBinary(Buffer ignored) {
        refuse(ErrorFrames.of(ProtocolError.BINARY_NOT_SUPPORTED));
    }

    /** How long since the client last sent a frame (any frame counts as a heartbeat). */
    Duration silence() {
        return Duration.ofMillis(clock.millis() - lastFrameMillis);
    }

    private void onText(String text) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(LOG_KEY, socketId)) {
            dispatch(text);
        }
    }

    private void dispatch(String text) {
        lastFrameMillis = clock.millis();
        if (!allowance.tryTake()) {
            refuse(ErrorFrames.of(ProtocolError.RATE_LIMITED));
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
            refuse(ErrorFrames.of(ProtocolError.UNKNOWN_TYPE).put("ref", type instanceof String name ? name : null));
            return;
        }
        Future<?> outcome;
        try {
            outcome = handler.apply(frame);
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onSuccess(ignored -> violations = 0).onFailure(failure -> {
            JsonObject error;
            try (MDC.MDCCloseable ignored = MDC.putCloseable(LOG_KEY, socketId)) {
                error = ErrorFrames.of(failure, reference(frame));
            }
            if (frame.getValue("conversation") instanceof String conversation && conversation.length() <= 64) {
                error.put("conversation", conversation);
            }
            if (failure instanceof ProtocolException) {
                refuse(error);
            } else {
                send(error);
            }
        });
    }

    private static String reference(JsonObject frame) {
        Object clientId = frame.getValue("clientId");
        return clientId instanceof String id ? id : frame.getString("type");
    }

    private void refuse(JsonObject error) {
        send(error);
        if (++violations >= limits.maxViolations()) {
            close(POLICY_VIOLATION, "too many invalid frames");
        }
    }
}
