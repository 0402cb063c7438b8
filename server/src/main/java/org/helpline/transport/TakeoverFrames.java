package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.helpline.domain.Counsellor;
import org.helpline.domain.SupervisionKind;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.QueueStore;
import org.helpline.store.SupervisionStore;
import org.helpline.store.TransferOutcome;

/**
 * {@code take_over}: a supervisor takes an active chat from its counsellor, as a transfer to themselves. A supervisor
 * account is a counsellor account too: the chat moves to the console open with the same account (the supervisor
 * answers it there), so that console must be open and have a free place, as for any transfer. The takeover is a
 * supervision entry of the case record, stored by the transfer itself (while the record has room), and the counsellor
 * who held the chat is told in the same step.
 */
final class TakeoverFrames {
    private final ConversationStore conversations;
    private final QueueStore queue;
    private final SupervisionStore supervision;
    private final Clock clock;

    TakeoverFrames(ConversationStore conversations, QueueStore queue, SupervisionStore supervision, Clock clock) {
        this.conversations = conversations;
        this.queue = queue;
        this.supervision = supervision;
        this.clock = clock;
    }

    /** Moves the chat to the supervisor's console and answers {@code taken_over}. */
    Future<JsonObject> takeOver(Counsellor supervisor, String conversation) {
        return conversations.find(conversation).compose(found -> {
            ConversationRecord record = MonitorFrames.active(found);
            String holder = record.counsellorId().orElseThrow();
            if (holder.equals(supervisor.id())) {
                throw ProtocolException.invalid("conversation", "you hold this chat already");
            }
            JsonObject entry = SupervisionEntries.entry(SupervisionKind.TAKEOVER, supervisor, clock.millis())
                    .put("previous", record.counsellorName().orElse(holder));
            return queue.takeOver(conversation, holder, supervisor.id(), entry.encode(),
                    supervision.holderEvent(conversation, entry)).map(outcome -> {
                        if (outcome != TransferOutcome.TRANSFERRED) {
                            throw refused(outcome);
                        }
                        return entry.copy().put("type", "taken_over").put("conversation", conversation);
                    });
        });
    }

    private static ProtocolException refused(TransferOutcome outcome) {
        return ProtocolException.transferFailed(outcome.wireName(), switch (outcome) {
            case OFFLINE -> "Open the counsellor console with this same account first: the chat moves there."
                    + " It stays with its counsellor.";
            case FULL -> "Your console has no free place (its capacity is reached). It stays with its counsellor.";
            default -> "The chat changed hands meanwhile; look again. It stays where it is.";
        });
    }
}
