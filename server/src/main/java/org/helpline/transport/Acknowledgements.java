package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import org.helpline.store.AppendResult;

/** The answer to a {@code send}: an {@code ack} once Redis holds the message, or the reason it was refused. */
final class Acknowledgements {
    private Acknowledgements() {
    }

    static JsonObject of(String conversation, String clientId, AppendResult result) {
        if (result instanceof AppendResult.Stored stored) {
            return new JsonObject().put("type", "ack").put("conversation", conversation).put("clientId", clientId)
                    .put("seq", stored.seq()).put("duplicate", stored.duplicate());
        }
        String reason = ((AppendResult.Refused) result).reason();
        ProtocolError error = switch (reason) {
            case "ended" -> ProtocolError.CONVERSATION_ENDED;
            case "not_assigned" -> ProtocolError.NOT_ASSIGNED;
            default -> ProtocolError.NOT_FOUND;
        };
        throw new ProtocolException(error);
    }
}
