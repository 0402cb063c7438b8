package org.helpline.transport;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.helpline.config.AddressRange;
import org.helpline.config.MetricsSettings;

/**
 * Guards {@code /metrics}: waiting chats and counsellors online are the operator's business only. The connection's
 * own peer address (never {@code X-Forwarded-For}) must be in {@code metrics.allowFrom}, else the page does not exist
 * (404); when {@code metrics.token} is set, the request must also carry it as a bearer token, else 401.
 */
final class MetricsAccess implements Handler<RoutingContext> {
    private final MetricsSettings settings;
    private final Optional<byte[]> token;

    MetricsAccess(MetricsSettings settings) {
        this.settings = settings;
        this.token = settings.token().map(value -> ("Bearer " + value).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(RoutingContext context) {
        if (!allowedPeer(context.request().connection().remoteAddress())) {
            HttpErrors.send(context, 404, "not_found", "No such page.");
            return;
        }
        if (token.isPresent()) {
            String header = context.request().getHeader("Authorization");
            if (header == null || !MessageDigest.isEqual(token.get(), header.getBytes(StandardCharsets.UTF_8))) {
                context.response().putHeader("WWW-Authenticate", "Bearer");
                HttpErrors.send(context, 401, "unauthenticated", "Send Authorization: Bearer <metrics token>.");
                return;
            }
        }
        context.next();
    }

    private boolean allowedPeer(SocketAddress peer) {
        return peer != null && peer.hostAddress() != null && AddressRange.literal(peer.hostAddress())
                .filter(address -> settings.allowFrom().stream().anyMatch(range -> range.contains(address)))
                .isPresent();
    }
}
