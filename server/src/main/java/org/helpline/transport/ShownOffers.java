package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.helpline.domain.ConversationStatus;
import org.helpline.store.ConversationStore;

/**
 * The offers one console shows its counsellor: an offer is shown once it is checked to be still theirs, and
 * forgotten when taken, withdrawn or ended (an offer that ends while shown is withdrawn on the screen).
 */
final class ShownOffers {
    private final Set<String> shown = new HashSet<>();
    private final String counsellorId;
    private final ConversationStore conversations;
    private final OfferFrames offers;
    private final FrameChannel channel;

    ShownOffers(String counsellorId, ConversationStore conversations, OfferFrames offers, FrameChannel channel) {
        this.counsellorId = counsellorId;
        this.conversations = conversations;
        this.offers = offers;
        this.channel = channel;
    }

    /** Shows the offer if the conversation is still offered to this counsellor. */
    void show(String conversation) {
        conversations.find(conversation).onSuccess(found -> found
                .filter(record -> record.status() == ConversationStatus.OFFERED
                        && record.offeredTo().equals(Optional.of(counsellorId)))
                .ifPresent(record -> {
                    shown.add(record.id());
                    channel.send(offers.offer(record));
                }));
    }

    /** The offer is no longer on screen (taken, or its withdrawal passed on). */
    void forget(String conversation) {
        shown.remove(conversation);
    }

    /** The conversation ended: an offer of it still shown is withdrawn. */
    void ended(String conversation) {
        if (shown.remove(conversation)) {
            channel.send(new JsonObject().put("type", "offer_withdrawn").put("conversation", conversation)
                    .put("reason", "ended"));
        }
    }
}
