package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import org.helpline.domain.Counsellor;
import org.helpline.domain.SupervisionKind;
import org.helpline.store.SupervisionOutcome;
import org.helpline.store.SupervisionStore;

/**
 * {@code help}: a counsellor asks the supervisors for help with a chat she holds. The supervisors get an alert with
 * the conversation reference (they can monitor it from there); the request is a supervision entry of the chat's case
 * record, shown on the counsellor's consoles.
 */
final class HelpFrames {
    private final SupervisionStore supervision;
    private final Clock clock;

    HelpFrames(SupervisionStore supervision, Clock clock) {
        this.supervision = supervision;
        this.clock = clock;
    }

    /**
     * Alerts the supervisors and answers {@code help_requested}; also when the chat's case record is full (the alert is
     * raised and her consoles told all the same: a call for help is never refused for want of room in the record).
     */
    Future<JsonObject> ask(Counsellor who, String conversation) {
        long now = clock.millis();
        JsonObject alert = new JsonObject().put("type", "alert").put("kind", "help").put("conversation", conversation)
                .put("association", who.associationId()).put("counsellor", who.displayName()).put("at", now);
        return supervision.record(conversation, SupervisionEntries.entry(SupervisionKind.HELP, who, now),
                Optional.of(who.id()), Optional.of(alert)).map(outcome -> {
                    // asked again within a minute (REPEATED), or raised with the record full (ALERTED): the
                    // supervisors were told, the answer is the same
                    if (outcome.result() != SupervisionOutcome.Result.RECORDED
                            && outcome.result() != SupervisionOutcome.Result.REPEATED
                            && outcome.result() != SupervisionOutcome.Result.ALERTED) {
                        throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
                    }
                    return new JsonObject().put("type", "help_requested").put("conversation", conversation)
                            .put("at", now);
                });
    }
}
