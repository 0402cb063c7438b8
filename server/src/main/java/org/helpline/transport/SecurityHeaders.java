package org.helpline.transport;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Headers on every HTTP response: a Content-Security-Policy with no inline script and no third-party origin,
 * frame-ancestors as configured, nosniff, no referrer, and no caching (a visitor's chat must not linger on a shared
 * device).
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    private final String policy;

    SecurityHeaders(List<String> frameAncestors) {
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors " + String.join(" ", frameAncestors);
    }

    @Override
    public void handle(RoutingContext context) {
        context.response().headers()
                .set("Content-Security-Policy", policy)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Cache-Control", "no-store")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
        context.next();
    }
}
