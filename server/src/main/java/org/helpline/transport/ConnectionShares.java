package org.helpline.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one HTTP instance in their clients' shares ({@link ClientConnections}). A connection that opened
 * beyond its client's share has its request answered 503 with the busy page (the emergency numbers, no script), or
 * for what the busy page itself needs ({@link #SERVED_BEYOND}) as usual, and is then closed: a visitor
 * turned away still sees whom to call. A connection gives its place back when it closes, or, once upgraded, when
 * its WebSocket does (Vert.x tells the socket, not the connection: {@link FrameChannel} gives its {@link Place}). Used
 * on the instance's event loop only.
 */
final class ConnectionShares {
    static final String BUSY_PAGE = "webroot/busy.html";
    /**
     * Served as usual beyond the share: the busy page's Quick exit (its script and settings too) and stylesheet, the
     * quick exit a chat's page tells over HTTP (a visitor on a crowded shelter's address leaves like any other), and
     * what a load balancer or a scraper asks of the node (a node answering its checks 503 would be taken out).
     */
    private static final Set<String> SERVED_BEYOND = Set.of("/exit", "/style.css", "/visitor/quick-exit.js",
            "/api/visitor/settings", "/api/visitor/quick-exit", "/health", "/ready", "/metrics");
    private static final String RETRY_AFTER_SECONDS = "30";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private final ClientConnections clients;
    private final Buffer busyPage;
    private final Map<HttpConnection, ClientConnections.Share> shares = new HashMap<>();

    ConnectionShares(ClientConnections clients, Buffer busyPage) {
        this.clients = clients;
        this.busyPage = busyPage;
    }

    /** Counts a connection that opened; what becomes of it. */
    ClientConnections.Verdict opened(HttpConnection connection) {
        ClientConnections.Share share = clients.opened(connection.remoteAddress());
        shares.put(connection, share);
        return share.verdict();
    }

    void closed(HttpConnection connection) {
        ClientConnections.Share share = shares.remove(connection);
        if (share != null) {
            clients.closed(share);
        }
    }

    /** The place of an upgraded connection, given back by its WebSocket. */
    Place placeOf(HttpConnection connection) {
        return new Place(connection);
    }

    /** An upgraded connection's place in its client's share, as its WebSocket gives it back. */
    final class Place {
        private final HttpConnection connection;

        private Place(HttpConnection connection) {
            this.connection = connection;
        }

        /**
         * The socket holds a live chat: its client's own count is given back now (such sockets are bounded by the
         * chats a client may start, and must not be seen by others of its address); its /48's stays until it closes,
         * as a /48 holder may start chats from 65,536 clients.
         */
        void chatHeld() {
            ClientConnections.Share share = shares.get(connection);
            if (share != null) {
                shares.put(connection, clients.clientCountGivenBack(share));
            }
        }

        /** The socket closed: whatever is still counted is given back. */
        void closed() {
            ConnectionShares.this.closed(connection);
        }
    }

    /** A route before any page: passes every request of a connection within its share. */
    void handle(RoutingContext context) {
        HttpConnection connection = context.request().connection();
        ClientConnections.Share share = shares.get(connection);
        if (share == null || share.verdict() == ClientConnections.Verdict.WITHIN) {
            context.next();
            return;
        }
        // closed once this answer is written whole (a static file is sent after its handler returned), none after it
        connection.shutdown(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        if (SERVED_BEYOND.contains(context.request().path())) {
            context.next();
            return;
        }
        context.response().setStatusCode(503).putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader("Content-Type", "text/html; charset=utf-8").end(busyPage);
    }
}
