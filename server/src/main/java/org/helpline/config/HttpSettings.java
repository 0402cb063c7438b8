package org.helpline.config;

import java.util.List;

/**
 * The HTTP side: the port, which browser origins may open WebSockets (empty: the page's own origin only), and who may
 * frame the pages (the CSP frame-ancestors sources).
 */
public record HttpSettings(int port, List<String> allowedOrigins, List<String> frameAncestors) {
    public HttpSettings withPort(int newPort) {
        return new HttpSettings(newPort, allowedOrigins, frameAncestors);
    }
}
