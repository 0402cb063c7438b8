package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.helpline.auth.Digests;
import org.helpline.store.VisitorStore;

/**
 * {@code POST /api/visitor/quick-exit} with {@code {"conversation": reference, "resumeSecret": secret}}: the visitor
 * page's quick exit, sent with {@code navigator.sendBeacon} (which outlives the page) for when its socket may not
 * carry the {@code away} frame: it was reconnecting, or it had dropped without the page knowing yet. The secret is
 * retired and the visitor of an open chat is away ({@code quick_exit}), as the frame does. Answered 204 whether or not
 * the secret was the conversation's (nothing is told of a chat), then the connection is closed: one request per
 * connection, and a client's connections are bounded ({@link ConnectionShares}). No {@code Origin} check: the secret
 * is what the request needs, a page elsewhere cannot know it, and Firefox sends this beacon from a page served with
 * {@code Referrer-Policy: no-referrer} with {@code Origin: null}.
 */
final class QuickExitRoute {
    private static final int MAX_SECRET_CHARS = 128;

    private final VisitorStore visitors;

    QuickExitRoute(VisitorStore visitors) {
        this.visitors = visitors;
    }

    void handle(RoutingContext context) {
        context.response().putHeader("Connection", "close");
        context.addEndHandler(answered -> context.request().connection().close());
        JsonObject body = JsonBody.of(context).orElse(null);
        if (body == null || !(body.getValue("conversation") instanceof String conversation)
                || !Fields.isReference(conversation) || !(body.getValue("resumeSecret") instanceof String secret)
                || secret.isEmpty() || secret.length() > MAX_SECRET_CHARS) {
            HttpErrors.send(context, 400, "invalid", "Give the conversation and its resume secret.");
            return;
        }
        visitors.quickExitBySecret(conversation, Digests.sha256(secret))
                .onSuccess(matched -> context.response().setStatusCode(204).end())
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }
}
