package org.helpline.transport;

import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.helpline.config.HttpSettings;

/**
 * Which browser pages may open our WebSockets. Browsers always send {@code Origin} on a WebSocket handshake; it must be
 * one of the origins the pages are served from ({@code http.publicOrigins}) or one of the other configured origins
 * ({@code http.allowedOrigins}). The {@code Host} header is never trusted on its own: a DNS-rebinding page has its own
 * name in both {@code Origin} and {@code Host}. Without public origins configured (a server on one's own machine), only
 * a loopback page of the same host and port is accepted. A handshake without {@code Origin} comes from a non-browser
 * client (tests, load generator, integrations) and is not a cross-site risk.
 */
final class OriginPolicy {
    private static final Pattern LOOPBACK = Pattern.compile("(localhost|127\\.[0-9.]+|\\[::1\\])(:[0-9]{1,5})?");

    private final List<String> allowed;
    private final boolean loopbackOnly;

    OriginPolicy(HttpSettings http) {
        List<String> origins = new ArrayList<>(http.publicOrigins());
        origins.addAll(http.allowedOrigins());
        this.allowed = List.copyOf(origins);
        this.loopbackOnly = http.publicOrigins().isEmpty();
    }

    boolean permits(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || allowed.contains(origin)) {
            return true;
        }
        String host = request.getHeader("Host");
        return loopbackOnly && host != null && LOOPBACK.matcher(host).matches()
                && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
