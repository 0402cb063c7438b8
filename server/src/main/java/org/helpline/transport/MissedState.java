package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.helpline.store.ConversationRecord;

/**
 * What a visitor's socket may have missed while its node's pub/sub connection was down, from the conversation's
 * state as stored once it is back ({@link ConversationFeed#afterGap}): its end, its counsellor, its return to the
 * queue, and that she was set away (her node taken for gone while cut off from Redis, which takes that connection
 * down too: the socket holding her presence takes it back, as when told). Passed through the socket's own delivery,
 * which drops a counsellor it has shown already.
 */
final class MissedState {
    private MissedState() {
    }

    /** The events to deliver; {@code counsellorShown}: the socket shows a counsellor (has heard of no requeue). */
    static List<JsonObject> events(ConversationRecord record, boolean counsellorShown) {
        List<JsonObject> events = new ArrayList<>();
        ConsoleFrames.visitorAway(record).ifPresent(events::add);
        String id = record.id();
        switch (record.status()) {
            case ENDED -> events.add(ChatFrames.ended(record));
            case ACTIVE -> record.counsellorName().ifPresent(name -> events.add(new JsonObject().put("type", "assigned")
                    .put("conversation", id).put("counsellor", new JsonObject().put("name", name)
                            .put("association", record.associationId().orElse("")))));
            default -> {
                if (counsellorShown) {
                    events.add(new JsonObject().put("type", "requeued").put("conversation", id)
                            .put("reason", "counsellor_unavailable"));
                }
            }
        }
        return events;
    }
}
