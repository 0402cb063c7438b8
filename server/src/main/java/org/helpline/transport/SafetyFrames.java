package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.EscalationStore;

/**
 * What keeps a waiting or talking visitor safe besides the chat: the hotlines open now for their need
 * ({@code alternatives}), "in danger now" ({@code danger}: top priority, supervisors alerted, the emergency numbers
 * again), the line they took ({@code took_alternative}) and a place they chose to share ({@code share_location}).
 */
final class SafetyFrames {
    static final int MAX_LOCATION_CHARS = 300;

    private final ConversationStore conversations;
    private final HotlineDirectory directory;
    private final EscalationStore alerts;
    private final Clock clock;

    SafetyFrames(ConversationStore conversations, HotlineDirectory directory, EscalationStore alerts, Clock clock) {
        this.conversations = conversations;
        this.directory = directory;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The {@code alternatives} shown to a waiting visitor; remembered as shown (the first time counts). */
    JsonObject waitingAlternatives(String conversation, Triage triage) {
        conversations.alternativesShown(conversation);
        return HotlineFrames.alternatives(conversation, "waiting", triage, directory.current(), clock.instant());
    }

    /** Supervisors are alerted at once when a chat starts with "in danger now" ticked. */
    void alertDangerOnArrival(String conversation) {
        alerts.alert(new JsonObject().put("type", "alert").put("kind", "danger").put("conversation", conversation)
                .put("status", "waiting").put("at", clock.millis()));
    }

    /** "In danger now": top priority at once, supervisors alerted; answers with the emergency numbers again. */
    Future<JsonObject> danger(String conversation) {
        return conversations.raiseToDanger(conversation)
                .compose(status -> conversations.find(conversation))
                .map(found -> HotlineFrames.alternatives(conversation, "danger",
                        found.map(ConversationRecord::triage).orElse(Triage.none()), directory.current(),
                        clock.instant()));
    }

    /** The visitor took one of the hotlines shown to them (a tap on its number). */
    Future<Void> tookAlternative(String conversation, JsonObject frame) {
        String hotline = Fields.string(frame, "hotline", 64);
        if (directory.current().hotline(hotline).isEmpty()) {
            throw ProtocolException.invalid("hotline", "no hotline has this id");
        }
        return conversations.redirected(conversation, hotline);
    }

    /** A place the visitor chose to share after an explicit consent step on their page; kept with the chat only. */
    Future<Void> shareLocation(String conversation, JsonObject frame) {
        return conversations.shareLocation(conversation, Fields.string(frame, "location", MAX_LOCATION_CHARS));
    }
}
