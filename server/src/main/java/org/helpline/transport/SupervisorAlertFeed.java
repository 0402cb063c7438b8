package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
 * from the alert log those it would otherwise miss: raised while its node's pub/sub connection was down (the log is
 * read again once Redis has confirmed the subscription, and again after a second, then later and later, until a read
 * succeeds), or while the page was disconnected (read from the log id the page names in {@code auth}, {@code since}).
 * The log is read after the floor: that {@code since}, or the newest log id when the socket authenticated. Each alert
 * goes out once, with its log id ({@code id}), whichever way it came first. Event-loop confined, like its socket.
 */
final class SupervisorAlertFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorAlertFeed.class);
    /** More than the log keeps (about 1,000): an alert read again from the log is still known. */
    private static final int REMEMBERED = 4_000;

    private final Vertx vertx;
    private final EscalationStore log;
    private final Consumer<String> forward;
    private final Set<String> forwarded = new LinkedHashSet<>();
    private String floor;
    private boolean stopped;

    SupervisorAlertFeed(Vertx vertx, EscalationStore log, Consumer<String> forward) {
        this.vertx = vertx;
        this.log = log;
        this.forward = forward;
    }

    /** The floor: the page's {@code since}, or (when it named none) the newest log id now. */
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

    /** The alerts of the log after the floor (the page's {@code since}: those it missed while disconnected). */
    Future<List<LoggedAlert>> missed() {
        return floor == null ? Future.succeededFuture(List.of()) : log.alertsAfter(floor);
    }

    /** A message of the supervisors' channel, {@code <log id>|<alert>}. */
    void published(String message) {
        pass(LoggedAlert.published(message));
    }

    void pass(List<LoggedAlert> alerts) {
        alerts.forEach(this::pass);
    }

    /** The pub/sub connection came back: what was raised meanwhile, from the log, tried again until it can be read. */
    void readMissed(Consumer<Runnable> whenWelcomed, RetryDelay delay) {
        if (stopped) {
            return;
        }
        missed().onSuccess(alerts -> whenWelcomed.accept(() -> pass(alerts)))
                .onFailure(failure -> {
                    FailureLog.log(LOG, "Reading the alert log after the pub/sub connection came back", failure);
                    vertx.setTimer(delay.millis(), id -> readMissed(whenWelcomed, delay.next()));
                });
    }

    void stop() {
        stopped = true;
    }

    private void pass(LoggedAlert logged) {
        if (stopped) {
            return;
        }
        if (logged.id() == null) {
            forward.accept(logged.alert());
            return;
        }
        if (!forwarded.add(logged.id())) {
            return;
        }
        if (forwarded.size() > REMEMBERED) {
            Iterator<String> eldest = forwarded.iterator();
            eldest.next();
            eldest.remove();
        }
        forward.accept(new JsonObject(logged.alert()).put("id", logged.id()).encode());
    }
}
