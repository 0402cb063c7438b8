package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.helpline.store.EscalationStore;
import org.helpline.store.FailureLog;
import org.helpline.store.LoggedAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts one supervisor socket passes on: those published on the supervisors' channel as they are raised, and from
 * the alert log those it would otherwise miss. Its floor, set before the socket subscribes, is the log id the page
 * names in {@code auth} ({@code since}: the alerts raised while it was disconnected), or else the newest log id then;
 * the log after the floor is read once at {@code welcome} (what was raised between the floor and the subscription) and
 * again whenever the node's pub/sub connection has come back (from past what the last such read passed). From that
 * return until such a read has succeeded, live alerts wait, at most {@link #HOLD}, and go out after what it held: the
 * alerts go out in the order of their log ids, so a page that names the newest id it was shown as {@code since} when it
 * reconnects never skips one its node could not read yet (unless the read failed for longer than the hold). A read that
 * fails is tried again later and later (at least every second while live alerts wait), and at once when a live alert
 * comes (Redis may answer again). Each alert goes out once, with its log id ({@code id}), whichever way it came first.
 * Event-loop confined, like its socket.
 */
final class SupervisorAlertFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorAlertFeed.class);
    /** More than the log keeps (1,000): an alert read again from the log is still known. */
    private static final int REMEMBERED = 4_000;
    /**
     * Live alerts kept waiting at most; beyond, the oldest goes. Each is in the log before it is published (the same
     * script), so the read that lets the others go carries it, unless the log has dropped it too (it keeps 1,000).
     */
    private static final int WAITING = 1_000;
    /**
     * How long live alerts wait for that read at most: past it (Redis answering the channel but not the log), a
     * supervisor sees a danger alert now rather than in order, and the missed ones come once the log can be read.
     */
    private static final Duration HOLD = Duration.ofSeconds(5);
    /** While live alerts wait, the log is read again at least this often, whatever the backoff. */
    private static final Duration WHILE_HELD = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final EscalationStore log;
    private final Consumer<String> forward;
    private final Set<String> forwarded = new LinkedHashSet<>();
    /** Live alerts that came while the log was to be read again, oldest first. */
    private final Deque<String> waiting = new ArrayDeque<>();
    /** Reads of the log asked for (one at each return of the pub/sub connection), and how many a read has answered. */
    private int asked;
    private int answered;
    private boolean reading;
    private RetryDelay delay = RetryDelay.first();
    private long retry = -1;
    private long hold = -1;
    /** The live alerts waited {@link #HOLD} for this return's read: they go out at once until it succeeds. */
    private boolean holdOver;
    private String floor;
    private boolean stopped;

    SupervisorAlertFeed(Vertx vertx, EscalationStore log, Consumer<String> forward) {
        this.vertx = vertx;
        this.log = log;
        this.forward = forward;
    }

    /** Sets the floor: the page's {@code since}, or (when it named none) the newest log id now. */
    Future<Void> start(String since) {
        if (since != null) {
            floor = since;
            return Future.succeededFuture();
        }
        return log.newestAlertId().map(newest -> {
            floor = newest;
            return null;
        });
    }

    /** The log id after which this socket reads the log, once {@link #start} has succeeded. */
    String floor() {
        return floor;
    }

    /** The alerts of the log after the floor. */
    Future<List<LoggedAlert>> missed() {
        return floor == null ? Future.succeededFuture(List.of()) : log.alertsAfter(floor);
    }

    /** A message of the supervisors' channel (once {@code welcome} is out). */
    void published(String message) {
        if (stopped) { // a welcome gate opened after the socket closed runs what it held
            return;
        }
        boolean caughtUp = answered == asked;
        if (caughtUp || holdOver) {
            pass(LoggedAlert.published(message));
        } else {
            hold(message);
        }
        if (!caughtUp) { // the log may be readable again: the missed ones need not wait for the next try
            read();
        }
    }

    /** A live alert waits for the read of the log, {@link #HOLD} at most from the first that waits. */
    private void hold(String message) {
        waiting.addLast(message);
        if (waiting.size() > WAITING) {
            waiting.removeFirst();
        }
        if (hold < 0) {
            hold = vertx.setTimer(HOLD.toMillis(), id -> {
                hold = -1;
                holdOver = true;
                passWaiting();
            });
        }
    }

    void pass(List<LoggedAlert> alerts) {
        alerts.forEach(this::pass);
    }

    /** The pub/sub connection came back (once {@code welcome} is out): what was raised meanwhile, from the log. */
    void readMissed() {
        asked++;
        holdOver = false;
        delay = RetryDelay.first();
        read();
    }

    void stop() {
        stopped = true;
        vertx.cancelTimer(retry);
        vertx.cancelTimer(hold);
        waiting.clear();
    }

    /** Reads the log after the floor, unless a read is out; tried again until a read follows the last return. */
    private void read() {
        if (stopped || reading) {
            return;
        }
        vertx.cancelTimer(retry);
        reading = true;
        int answering = asked;
        missed().onComplete(read -> {
            reading = false;
            if (stopped) {
                return;
            }
            if (read.failed()) {
                FailureLog.log(LOG, "Reading the alert log after the pub/sub connection came back", read.cause());
                long after = waiting.isEmpty() ? delay.millis() : Math.min(delay.millis(), WHILE_HELD.toMillis());
                retry = vertx.setTimer(after, id -> read());
                delay = delay.next();
                return;
            }
            List<LoggedAlert> alerts = read.result();
            pass(alerts);
            if (!alerts.isEmpty()) { // each sent: the next catch-up reads only what came after them
                floor = alerts.get(alerts.size() - 1).id();
            }
            answered = answering;
            if (answered < asked) { // the connection dropped again while the log was read
                read();
                return;
            }
            vertx.cancelTimer(hold);
            hold = -1;
            holdOver = false;
            passWaiting();
        });
    }

    private void passWaiting() {
        while (!waiting.isEmpty()) {
            pass(LoggedAlert.published(waiting.removeFirst()));
        }
    }

    private void pass(LoggedAlert logged) {
        if (stopped) {
            return;
        }
        if (logged.id() != null && !forwarded.add(logged.id())) {
            return;
        }
        if (forwarded.size() > REMEMBERED) {
            Iterator<String> eldest = forwarded.iterator();
            eldest.next();
            eldest.remove();
        }
        forward.accept(logged.alert());
    }
}
