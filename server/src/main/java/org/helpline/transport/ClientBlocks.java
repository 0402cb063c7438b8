package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.helpline.domain.BlockOutcome;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Counsellor;
import org.helpline.store.ClientBlock;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.EscalationStore;

/**
 * A counsellor ends a chat as abusive, or blocks the client of a chat she held once it has ended (an abuser who left
 * first): the client key that started it may not start a chat for {@code abuse.blockHours} (on every node; its visitor
 * is told only that a chat cannot start from here, with the lines open now), and supervisors get an alert
 * ({@code kind: "block"}); they list and lift blocks through {@link BlockRoutes}. The counsellor is told whether the
 * block was made: a chat's client key is kept a day, and not at all once its visitor deleted the chat, and blocks
 * nobody once its day's secret has expired.
 */
final class ClientBlocks {
    private final ClientStore clients;
    private final ConversationStore conversations;
    private final EscalationStore alerts;
    private final Duration length;
    private final Clock clock;

    ClientBlocks(ClientStore clients, ConversationStore conversations, EscalationStore alerts, Duration length,
                 Clock clock) {
        this.clients = clients;
        this.conversations = conversations;
        this.alerts = alerts;
        this.length = length;
        this.clock = clock;
    }

    /** For an {@code end} frame: blocks the chat's client when the frame says {@code abusive: true}. */
    Future<Optional<JsonObject>> ifAbusive(JsonObject endFrame, Counsellor who, String conversation) {
        return Fields.flag(endFrame, "", "abusive") ? blockStarterOf(who, conversation).map(Optional::of)
                : Future.succeededFuture(Optional.empty());
    }

    /**
     * For a {@code block} frame: blocks the client of a chat the counsellor held last, once it has ended (during the
     * chat, {@code end} with {@code abusive: true} does it).
     */
    Future<JsonObject> afterEnd(Counsellor who, String conversation) {
        return conversations.find(conversation).compose(found -> {
            boolean heldLast = found.filter(record -> record.status() == ConversationStatus.ENDED)
                    .flatMap(record -> record.counsellorId()).filter(who.id()::equals).isPresent();
            if (!heldLast) {
                throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
            }
            return blockStarterOf(who, conversation);
        });
    }

    /** Blocks the client that started the conversation, if it is still known; the {@code block_result} frame. */
    private Future<JsonObject> blockStarterOf(Counsellor who, String conversation) {
        long now = clock.millis();
        JsonObject answer = new JsonObject().put("type", "block_result").put("conversation", conversation);
        return clients.clientOf(conversation).compose(client -> {
            if (client.isEmpty()) {
                return Future.succeededFuture(answer.put("outcome", BlockOutcome.CLIENT_UNKNOWN.wireName()));
            }
            ClientBlock block = new ClientBlock(client.get(), now, now + length.toMillis(), who.displayName(),
                    who.associationId(), conversation);
            return clients.block(block).compose(blocked -> !blocked
                    ? Future.succeededFuture(answer.put("outcome", BlockOutcome.CLIENT_UNKNOWN.wireName()))
                    : alerts.alert(new JsonObject().put("type", "alert").put("kind", "block")
                            .put("conversation", conversation).put("association", who.associationId())
                            .put("counsellor", who.displayName()).put("until", block.until()).put("at", now))
                            .map(alerted -> answer.put("outcome", BlockOutcome.BLOCKED.wireName())
                                    .put("until", block.until())));
        });
    }
}
