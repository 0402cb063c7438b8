package org.helpline.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What one socket sent and the server has not yet answered, sent again as the pages do ({@code visitor.js},
 * {@code messages.js}): {@link #AFTER} after the server answers {@code unavailable}, {@code internal} or
 * {@code rate_limited}, the start if it is not yet {@code started}, then every {@code send} not yet acknowledged, each
 * with its same {@code clientId} (the server stores it at most once). So an overloaded run measures what a visitor
 * lives through (her chat starts late) instead of giving up on the first refusal. Like the pages, it does not try
 * again for a refused {@code ping}, and drops a frame refused for good (an ended chat, a full one...). Used on the
 * socket's own context.
 */
final class Resends {
    static final Duration AFTER = Duration.ofSeconds(2);
    private static final Set<String> TRY_AGAIN = Set.of("unavailable", "internal", "rate_limited");
    private final Vertx vertx;
    private final WebSocket socket;
    private final Counts counts;
    private final BooleanSupplier sending;
    private final Map<String, JsonObject> unacknowledged = new LinkedHashMap<>();
    private JsonObject start;
    private boolean scheduled;

    /**
     * {@code sending}: whether frames are sent again now: false once the scenario stops sending, and always false
     * unless the run asks for it ({@code --resend}): the pages' way of sending everything unacknowledged again 2 s
     * after each refusal makes an overloaded run a storm of resends, which then measures that storm (performance.md).
     */
    Resends(Vertx vertx, WebSocket socket, Counts counts, BooleanSupplier sending) {
        this.vertx = vertx;
        this.socket = socket;
        this.counts = counts;
        this.sending = sending;
    }

    /** Sends the visitor's {@code start}, kept until {@link #started()}. */
    void start(JsonObject frame) {
        start = frame;
        LoadClient.send(socket, frame);
    }

    void started() {
        start = null;
    }

    /** Sends a {@code send} frame, kept until its {@code ack}. */
    void send(JsonObject frame) {
        unacknowledged.put(frame.getString("clientId"), frame);
        LoadClient.send(socket, frame);
    }

    /** An {@code ack}: true the first time its {@code clientId} is acknowledged (a resend may be acked twice). */
    boolean acknowledged(String clientId) {
        return unacknowledged.remove(clientId) != null;
    }

    /** An {@code error} frame: counted, and if the pages would try again, everything unanswered is sent again soon. */
    void refused(JsonObject error) {
        String code = error.getString("code");
        String ref = error.getString("ref");
        counts.add("error." + code);
        if (!TRY_AGAIN.contains(code)) {
            if (ref != null) { // refused for good: never sent again
                unacknowledged.remove(ref);
                if ("start".equals(ref)) {
                    start = null;
                }
            }
            return;
        }
        if (scheduled || "ping".equals(ref) || !sending.getAsBoolean()) {
            return;
        }
        scheduled = true;
        vertx.setTimer(AFTER.toMillis(), timer -> {
            scheduled = false;
            if (socket.isClosed() || !sending.getAsBoolean()) {
                return;
            }
            if (start != null) {
                counts.add("resent.start");
                LoadClient.send(socket, start);
            }
            counts.add("resent.message", unacknowledged.size());
            unacknowledged.values().forEach(frame -> LoadClient.send(socket, frame));
        });
    }
}
