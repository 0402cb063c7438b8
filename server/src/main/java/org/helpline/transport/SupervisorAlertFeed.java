package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
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
 * The alerts one supervisor socket passes on: those published on the supervisors' channel as they are raised, and
 * from the alert log those it would otherwise miss. Its floor, set before the socket subscribes, is the log id the page
 * names in {@code auth} ({@code since}: the alerts raised while it was disconnected), or else the newest log id then;
 * the log after the floor is read once at {@code welcome} (what was raised between the floor and the subscription)
 * and again whenever the node's pub/sub connection has come back (read again later and later until it can be). While
 * such a read is out, live alerts wait, so that an older alert read from the log never goes after a newer live one.
 * Each alert goes out once, with its log id ({@code id}), whichever way it came first. Event-loop confined, like its
 * socket.
 */
final class SupervisorAlertFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorAlertFeed.class);
    /** More than the log keeps (1,000): an alert read again from the log is still known. */
    private static final int REMEMBERED = 4_000;

    private final Vertx vertx;
    private final EscalationStore log;
    private final Consumer<String> forward;
    private final Set<String> forwarded = new LinkedHashSet<>();
    /** Live alerts that came while a read of the log was out. */
    private final List<String> waiting = new ArrayList<>();
    private int reading;
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
        if (reading > 0) {
            waiting.add(message);
        } else {
            pass(LoggedAlert.published(message));
        }
    }

    void pass(List<LoggedAlert> alerts) {
        alerts.forEach(this::pass);
    }

    /** The pub/sub connection came back: what was raised meanwhile, from the log, tried again until it can be read. */
    void readMissed(Consumer<Runnable> whenWelcomed, RetryDelay delay) {
        if (stopped) {
            return;
        }
        reading++;
        missed().onComplete(read -> {
            reading--;
            if (read.succeeded()) {
                whenWelcomed.accept(() -> pass(read.result()));
            } else {
                FailureLog.log(LOG, "Reading the alert log after the pub/sub connection came back", read.cause());
                vertx.setTimer(delay.millis(), id -> readMissed(whenWelcomed, delay.next()));
            }
            if (reading == 0) { // a failed read does not keep live alerts waiting for its retry
                List<String> live = new ArrayList<>(waiting);
                waiting.clear();
                live.forEach(this::published);
            }
        });
    }

    void stop() {
        stopped = true;
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
