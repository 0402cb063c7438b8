package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.helpline.domain.Counsellor;
import org.helpline.store.ClientBlock;
import org.helpline.store.ClientStore;
import org.helpline.store.EscalationStore;

/**
 * A counsellor ends a chat as abusive: the client key that started it may not start a chat for {@code abuse.blockHours}
 * (on every node; its visitor is told only that a chat cannot start from here, with the lines open now), and
 * supervisors get an alert ({@code kind: "block"}); they list and lift blocks through {@link BlockRoutes}.
 */
final class ClientBlocks {
    private final ClientStore clients;
    private final EscalationStore alerts;
    private final Duration length;
    private final Clock clock;

    ClientBlocks(ClientStore clients, EscalationStore alerts, Duration length, Clock clock) {
        this.clients = clients;
        this.alerts = alerts;
        this.length = length;
        this.clock = clock;
    }

    /** For an {@code end} frame: blocks the chat's client when the frame says {@code abusive: true}. */
    Future<Void> ifAbusive(JsonObject endFrame, Counsellor who, String conversation) {
        return Fields.flag(endFrame, "", "abusive") ? blockStarterOf(who, conversation) : Future.succeededFuture();
    }

    /** Blocks the client that started the conversation, if it is still known (a key is kept a day). */
    Future<Void> blockStarterOf(Counsellor who, String conversation) {
        long now = clock.millis();
        return clients.clientOf(conversation).compose(client -> client.map(key -> {
            ClientBlock block = new ClientBlock(key, now, now + length.toMillis(), who.displayName(),
                    who.associationId(), conversation);
            return clients.block(block).compose(blocked -> alerts.alert(new JsonObject().put("type", "alert")
                    .put("kind", "block").put("conversation", conversation).put("association", who.associationId())
                    .put("counsellor", who.displayName()).put("until", block.until()).put("at", now)));
        }).orElse(Future.succeededFuture()));
    }
}
