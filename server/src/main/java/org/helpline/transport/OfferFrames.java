package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.helpline.domain.Assignment;
import org.helpline.domain.Association;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OfferRelease;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.StepRouting;
import org.helpline.domain.WaitingConversation;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.AcceptOutcome;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.QueueStore;

/**
 * A console's frames about chats that are not theirs yet: accepting or declining an offer, picking a waiting chat
 * from the list, and the {@code offer} frame itself. Shared by every console socket of a node; the socket passes
 * who is asking.
 */
final class OfferFrames {
    private final ConversationStore conversations;
    private final QueueStore queue;
    private final StepRouting routing;
    private final RoutingMeters meters;
    private final Duration acceptTimeout;
    private final Clock clock;

    OfferFrames(ConversationStore conversations, QueueStore queue, StepRouting routing, RoutingMeters meters,
                Duration acceptTimeout, Clock clock) {
        this.conversations = conversations;
        this.queue = queue;
        this.routing = routing;
        this.meters = meters;
        this.acceptTimeout = acceptTimeout;
        this.clock = clock;
    }

    Future<Void> accept(Counsellor who, String conversation) {
        return conversations.find(conversation).compose(found -> queue.accept(conversation, who.id())
                .map(result -> {
                    if (result != AcceptOutcome.ACCEPTED) {
                        throw new ProtocolException(ProtocolError.OFFER_GONE);
                    }
                    meters.accepted(who.associationId());
                    found.ifPresent(record -> meters.waited(who.associationId(), waited(record)));
                    return null;
                }));
    }

    Future<Void> decline(Counsellor who, String conversation) {
        return conversations.find(conversation).compose(found -> {
            ConversationRecord record = found.filter(r -> r.status() == ConversationStatus.OFFERED
                            && r.offeredTo().equals(Optional.of(who.id())))
                    .orElseThrow(() -> new ProtocolException(ProtocolError.OFFER_GONE));
            return queue.release(conversation, who.id(), record.offerVersion(), OfferRelease.DECLINED)
                    .map(result -> {
                        if (!result.requeued()) {
                            throw new ProtocolException(ProtocolError.OFFER_GONE);
                        }
                        meters.released(who.associationId(), OfferRelease.DECLINED);
                        return null;
                    });
        });
    }

    /** Takes a waiting chat from the list, when the counsellor's association allows it and routing admits them. */
    Future<Void> pick(Counsellor who, Association association, String conversation) {
        if (!association.allowPick()) {
            throw new ProtocolException(ProtocolError.PICK_NOT_ALLOWED);
        }
        return conversations.find(conversation).compose(found -> {
            ConversationRecord record = found.filter(r -> r.status() == ConversationStatus.WAITING)
                    .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_WAITING));
            WaitingConversation waiting = new WaitingConversation(conversation, 0, record.createdAt(),
                    record.triage(), record.step(), Set.of());
            if (!routing.admits(waiting, who, clock.instant())) {
                throw new ProtocolException(ProtocolError.NOT_WAITING, "This chat is not one you can take now.",
                        null);
            }
            return queue.pick(new Assignment(conversation, who.id())).map(outcome -> {
                if (!outcome.succeeded()) {
                    throw new ProtocolException(ProtocolError.NOT_WAITING,
                            "Not taken: " + outcome.result().wireName() + ".", null);
                }
                meters.waited(who.associationId(), Duration.ofMillis(outcome.waitedMillis()));
                return null;
            });
        });
    }

    /** The {@code offer} frame for a chat offered to this console's counsellor. */
    JsonObject offer(ConversationRecord record) {
        return new JsonObject().put("type", "offer")
                .put("conversation", record.id())
                .put("triage", TriageFrame.encode(record.triage()))
                .put("priority", QueuePriority.classOf(record.triage()).wireName())
                .put("waitedSeconds", waited(record).toSeconds())
                .put("acceptWithinSeconds", acceptTimeout.toSeconds());
    }

    private Duration waited(ConversationRecord record) {
        return Duration.ofMillis(Math.max(0, clock.millis() - record.createdAt()));
    }
}
