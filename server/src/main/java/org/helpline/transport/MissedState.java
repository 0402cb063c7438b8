package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.domain.Side;
import org.helpline.store.ConversationRecord;

/**
 * What a visitor's socket may have missed while its node's pub/sub connection was down, from the conversation's
 * state as stored once it is back ({@link ConversationFeed#afterGap}): its end, its counsellor, its return to the
 * queue. Passed through the socket's own delivery, which drops a counsellor it has shown already.
 */
final class MissedState {
    private MissedState() {
    }

    /** The events to deliver; {@code counsellorShown}: the socket shows a counsellor (has heard of no requeue). */
    static List<JsonObject> events(ConversationRecord record, boolean counsellorShown) {
        String id = record.id();
        return switch (record.status()) {
            case ENDED -> List.of(ChatFrames.ended(id, record.endedBy().orElse(Side.VISITOR.wireName())));
            case ACTIVE -> record.counsellorName().map(name -> List.of(new JsonObject().put("type", "assigned")
                    .put("conversation", id).put("counsellor", new JsonObject().put("name", name)
                            .put("association", record.associationId().orElse(""))))).orElse(List.of());
            default -> counsellorShown ? List.of(new JsonObject().put("type", "requeued").put("conversation", id)
                    .put("reason", "counsellor_unavailable")) : List.of();
        };
    }
}
