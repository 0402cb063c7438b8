package org.helpline.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * What one socket sent and the server has not yet answered, sent again as the pages do ({@code Retry} in
 * {@code chat-common.js}): after the server answers {@code unavailable}, {@code internal} or {@code rate_limited}, a
 * wait drawn between half and all of {@link #FIRST}, doubling with each refusal up to {@link #LAST} and back to the
 * first once nothing is left to send again; then the start if it is not yet {@code started}, and every {@code send}
 * not yet acknowledged, each with its same {@code clientId} (the server stores it at most once). The pages send one
 * message at a time, to keep them in order (protocol.md); the generator's side sends one every few seconds, each
 * answered long before the next, so it does not hold them back. So an overloaded
 * run measures what a visitor lives through (her chat starts late) instead of giving up on the first refusal. Like
 * the pages, it does not try again for a refused {@code ping}, and drops a frame refused for good (an ended chat, a
 * full one...). Used on the socket's own context.
 */
final class Resends {
    static final Duration FIRST = Duration.ofSeconds(2);
    static final Duration LAST = Duration.ofSeconds(30);
    private static final Set<String> TRY_AGAIN = Set.of("unavailable", "internal", "rate_limited");
    private final Vertx vertx;
    private final WebSocket socket;
    private final Counts counts;
    private final BooleanSupplier sending;
    private final Map<String, JsonObject> unacknowledged = new LinkedHashMap<>();
    private JsonObject start;
    private Runnable startAnswered;
    private boolean scheduled;
    private int refusals;

    /**
     * {@code sending}: whether frames are sent again now: false once the scenario stops sending, and always false
     * unless the run asks for it ({@code --resend}): the pages' way of sending everything unacknowledged again after
     * each refusal makes an overloaded run a storm of resends, which then measures that storm (performance.md).
     */
    Resends(Vertx vertx, WebSocket socket, Counts counts, BooleanSupplier sending) {
        this.vertx = vertx;
        this.socket = socket;
        this.counts = counts;
        this.sending = sending;
    }

    /**
     * Sends the visitor's {@code start}, kept until {@link #started()}; {@code answered} runs once, at its first
     * answer: {@code started}, or an error about it (even one after which it is sent again).
     */
    void start(JsonObject frame, Runnable answered) {
        start = frame;
        startAnswered = answered;
        LoadClient.send(socket, frame);
    }

    void started() {
        start = null;
        startAnswered();
        settledIfEmpty();
    }

    private void startAnswered() {
        if (startAnswered != null) {
            startAnswered.run();
            startAnswered = null;
        }
    }

    /** Sends a {@code send} frame, kept until its {@code ack}. */
    void send(JsonObject frame) {
        unacknowledged.put(frame.getString("clientId"), frame);
        LoadClient.send(socket, frame);
    }

    /** An {@code ack}: true the first time its {@code clientId} is acknowledged (a resend may be acked twice). */
    boolean acknowledged(String clientId) {
        boolean first = unacknowledged.remove(clientId) != null;
        settledIfEmpty();
        return first;
    }

    /**
     * Nothing left to send again: the next refusal waits the first delay again. Not on any answer: in a round that
     * gets some frames through and others refused, the acks and the refusals can come in either order.
     */
    private void settledIfEmpty() {
        if (start == null && unacknowledged.isEmpty()) {
            refusals = 0;
        }
    }

    /**
     * An {@code error} frame: counted, and if the pages would try again, everything unanswered is sent again soon.
     * Returns the {@code send} it refused for good, if it is one of this socket's (its {@code conversation} with it).
     */
    Optional<JsonObject> refused(JsonObject error) {
        String code = error.getString("code");
        String ref = error.getString("ref");
        counts.add("error." + code);
        if ("start".equals(ref)) {
            startAnswered();
        }
        if (!TRY_AGAIN.contains(code)) {
            if (ref == null) {
                return Optional.empty();
            }
            if ("start".equals(ref)) {
                start = null;
            }
            return Optional.ofNullable(unacknowledged.remove(ref)); // refused for good: never sent again
        }
        if (scheduled || "ping".equals(ref) || !sending.getAsBoolean()) {
            return Optional.empty();
        }
        scheduled = true;
        long delay = Math.min(LAST.toMillis(), FIRST.toMillis() << Math.min(refusals, 5));
        refusals++;
        vertx.setTimer(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1), timer -> {
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
        return Optional.empty();
    }
}
