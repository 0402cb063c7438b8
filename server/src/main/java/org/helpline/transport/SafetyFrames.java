package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Triage;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.DangerClaim;
import org.helpline.store.EscalationStore;

/**
 * What keeps a waiting or talking visitor safe besides the chat: the hotlines open now for their need
 * ({@code alternatives}), "in danger now" ({@code danger}: top priority, supervisors alerted, the emergency numbers
 * again), the line they took ({@code took_alternative}) and a place they chose to share ({@code share_location}).
 */
final class SafetyFrames {
    static final int MAX_LOCATION_CHARS = 300;

    private final ConversationStore conversations;
    private final ClientStore clients;
    private final HotlineDirectory directory;
    private final EscalationStore alerts;
    private final Clock clock;

    SafetyFrames(ConversationStore conversations, ClientStore clients, HotlineDirectory directory,
                 EscalationStore alerts, Clock clock) {
        this.conversations = conversations;
        this.clients = clients;
        this.directory = directory;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The {@code alternatives} shown to a waiting visitor; remembered as shown (the first time counts). */
    JsonObject waitingAlternatives(String conversation, Triage triage) {
        conversations.alternativesShown(conversation);
        return startedAlternatives(conversation, triage);
    }

    /** The {@code alternatives} shown after {@code started}: the new conversation was created as shown them. */
    JsonObject startedAlternatives(String conversation, Triage triage) {
        return HotlineFrames.alternatives(conversation, "waiting", triage, directory.current(), clock.instant());
    }

    /** The {@code alternatives} shown to a visitor whose {@code start} was refused ({@code chat_unavailable}). */
    JsonObject refusedAlternatives(Triage triage) {
        return HotlineFrames.alternatives(null, "unavailable", triage, directory.current(), clock.instant());
    }

    /**
     * Supervisors are alerted at once when a chat starts with "in danger now" ticked; a chat grouped under its client
     * key's waiting one renews that one's alert with the count instead.
     */
    void alertDangerOnArrival(String conversation, DangerClaim claim) {
        alerts.alert(claim instanceof DangerClaim.Grouped grouped ? groupedAlert(grouped) : dangerAlert(conversation));
    }

    /**
     * "In danger now": top priority at once, supervisors alerted; answers with the emergency numbers again. While
     * another chat of the same client key waits in danger, this one keeps its place and that one's alert its count,
     * until that one no longer waits: then the key's danger deadline raises this one in its turn.
     */
    Future<JsonObject> danger(String conversation, ClientKey client) {
        return clients.claimDanger(client, conversation)
                .compose(claim -> claim instanceof DangerClaim.Grouped grouped ? alerts.alert(groupedAlert(grouped))
                        : conversations.raiseToDanger(conversation).<Void>mapEmpty())
                .compose(raised -> conversations.find(conversation))
                .map(found -> HotlineFrames.alternatives(conversation, "danger",
                        found.map(ConversationRecord::triage).orElse(Triage.none()), directory.current(),
                        clock.instant()));
    }

    /** The alert of a chat that starts in danger: waiting, so no association yet. */
    private JsonObject dangerAlert(String conversation) {
        return new JsonObject().put("type", "alert").put("kind", "danger").put("conversation", conversation)
                .put("status", "waiting").put("association", "").put("at", clock.millis());
    }

    /** The alert of the client key's waiting in-danger chat again, with how many in-danger chats it now stands for. */
    private JsonObject groupedAlert(DangerClaim.Grouped grouped) {
        return dangerAlert(grouped.holder()).put("count", grouped.count());
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
        return conversations.shareLocation(conversation, Fields.string(frame, "location", MAX_LOCATION_CHARS))
                .map(stored -> {
                    if (!stored) { // kept nowhere: an ended chat's record is not written again
                        throw new ProtocolException(ProtocolError.CONVERSATION_ENDED);
                    }
                    return null;
                });
    }
}
