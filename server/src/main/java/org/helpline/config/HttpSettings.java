package org.helpline.config;

import java.util.List;

/**
 * The HTTP side: the port, which browser origins may open WebSockets (empty: the page's own origin only), who may
 * frame the pages (the CSP frame-ancestors sources), and the proxies whose {@code X-Forwarded-For} is believed (empty:
 * the client is the peer of the connection).
 */
public record HttpSettings(int port, List<String> allowedOrigins, List<String> frameAncestors,
                           List<AddressRange> trustedProxies) {
    public HttpSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        frameAncestors = List.copyOf(frameAncestors);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(newPort, allowedOrigins, frameAncestors, trustedProxies);
    }
}
