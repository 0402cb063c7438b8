package org.helpline.transport;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Headers on every HTTP response: a Content-Security-Policy with no inline script and no third-party origin, nosniff,
 * no referrer, and no caching (a visitor's chat must not linger on a shared device). Only the visitor page may be
 * framed, by the configured frame-ancestors (partner sites showing the widget); the console, the supervisor page and
 * everything else may never be, so a partner's page cannot be used to trick a counsellor into clicking.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors ";
    private static final String NEVER_FRAMED = POLICY + "'none'";

    private final String visitorPagePolicy;

    SecurityHeaders(List<String> frameAncestors) {
        this.visitorPagePolicy = POLICY + String.join(" ", frameAncestors);
    }

    @Override
    public void handle(RoutingContext context) {
        boolean visitorPage = isVisitorPage(context.request().path());
        context.response().headers()
                .set("Content-Security-Policy", visitorPage ? visitorPagePolicy : NEVER_FRAMED)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Cache-Control", "no-store")
                // the visitor page keeps a handle to the lines' websites it opens, for Quick exit to close them
                .set("Cross-Origin-Opener-Policy", visitorPage ? "same-origin-allow-popups" : "same-origin")
                .set("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
        context.next();
    }

    private static boolean isVisitorPage(String path) {
        return "/".equals(path) || "/index.html".equals(path);
    }
}
