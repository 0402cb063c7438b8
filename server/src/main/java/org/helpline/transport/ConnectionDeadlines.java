package org.helpline.transport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.config.HttpSettings;

/**
 * Closes the HTTP connections of one server instance that hold a place without using it: one whose request headers
 * are not complete {@code requestHeaderTimeout} after it opened (a slowloris client sends them a byte at a time), one
 * whose request body is not complete {@code requestHeaderTimeout} after its headers (a client that announces a body
 * and never sends it), and a kept-alive one that has had no request for {@code idleTimeout}. A connection upgraded to
 * a WebSocket leaves this watch (its sockets have their own heartbeat and limits). A connection over its client's
 * share ({@link ClientConnections}) has at most a second to send its request. Elapsed times use the monotonic
 * {@code System.nanoTime}. Used on the instance's event loop only.
 */
final class ConnectionDeadlines {
    private static final Duration OVER_SHARE = Duration.ofSeconds(1);
    private final Vertx vertx;
    private final long headerNanos;
    private final long idleNanos;
    private final long overShareNanos;
    private final Map<HttpConnection, Watch> watched = new HashMap<>();

    ConnectionDeadlines(Vertx vertx, HttpSettings http) {
        this.vertx = vertx;
        this.headerNanos = http.requestHeaderTimeout().toNanos();
        this.idleNanos = http.idleTimeout().toNanos();
        this.overShareNanos = Math.min(headerNanos, OVER_SHARE.toNanos());
    }

    /** Starts the sweep, every quarter of the shortest timeout (undeploying stops it). */
    void start() {
        long every = Duration.ofNanos(Math.min(overShareNanos, idleNanos)).toMillis() / 4;
        vertx.setPeriodic(Math.max(50, every), id -> sweep());
    }

    void opened(HttpConnection connection, boolean withinShare) {
        watched.put(connection, new Watch(System.nanoTime(), withinShare ? headerNanos : overShareNanos));
    }

    void closed(HttpConnection connection) {
        watched.remove(connection);
    }

    /** The first route of every request: its headers are complete; the connection is busy until it is answered. */
    void requestArrived(RoutingContext context) {
        HttpConnection connection = context.request().connection();
        Watch watch = watched.get(connection);
        if (watch != null) {
            watch.inFlight++;
            watch.served = true;
            watch.reading = context.request();
            watch.arrived = System.nanoTime();
            context.addEndHandler(ignored -> {
                watch.inFlight--;
                watch.since = System.nanoTime();
            });
        }
        context.next();
    }

    void upgraded(HttpConnection connection) {
        watched.remove(connection);
    }

    private void sweep() {
        long now = System.nanoTime();
        List<HttpConnection> overdue = new ArrayList<>();
        watched.forEach((connection, watch) -> {
            boolean idle = watch.inFlight <= 0 && now - watch.since > (watch.served ? idleNanos : watch.headerNanos);
            boolean bodyLate = watch.inFlight > 0 && !watch.reading.isEnded() && now - watch.arrived > headerNanos;
            if (idle || bodyLate) {
                overdue.add(connection);
            }
        });
        overdue.forEach(connection -> {
            watched.remove(connection);
            connection.close();
        });
    }

    private static final class Watch {
        /** How long the connection may take to send its first request's headers. */
        final long headerNanos;
        long since;
        int inFlight;
        boolean served;
        /** The latest request, and when its headers came: its body must follow within the header timeout. */
        HttpServerRequest reading;
        long arrived;

        Watch(long since, long headerNanos) {
            this.since = since;
            this.headerNanos = headerNanos;
        }
    }
}
