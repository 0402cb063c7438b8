package org.helpline.transport;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Which browser pages may open our WebSockets. Browsers always send {@code Origin} on a WebSocket handshake; it must
 * be the server's own origin (same host as the request) or one of the configured origins. A handshake without
 * {@code Origin} comes from a non-browser client (tests, load generator, integrations) and is not a cross-site risk.
 */
final class OriginPolicy {
    private final List<String> allowed;

    OriginPolicy(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    boolean permits(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        if (allowed.contains(origin)) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
