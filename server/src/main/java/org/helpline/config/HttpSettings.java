package org.helpline.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP side: the port, the origins the pages are served from ({@code publicOrigins}; empty: a loopback address
 * only, for a machine of one's own), the other browser origins that may open WebSockets, who may frame the pages (the
 * CSP frame-ancestors sources), the proxies whose {@code X-Forwarded-For} is believed (empty: the client is the peer
 * of the connection), and how long a connection may take to send a request's headers and may stay idle between
 * requests.
 */
public record HttpSettings(int port, List<String> publicOrigins, List<String> allowedOrigins,
                           List<String> frameAncestors, List<AddressRange> trustedProxies,
                           Duration requestHeaderTimeout, Duration idleTimeout) {
    public HttpSettings {
        publicOrigins = List.copyOf(publicOrigins);
        allowedOrigins = List.copyOf(allowedOrigins);
        frameAncestors = List.copyOf(frameAncestors);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(newPort, publicOrigins, allowedOrigins, frameAncestors, trustedProxies,
                requestHeaderTimeout, idleTimeout);
    }
}
