package org.helpline.transport;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.helpline.domain.ConversationStatus;
import org.helpline.store.ConversationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offers one console shows its counsellor: an offer is shown once it is checked to be still theirs, and
 * forgotten when taken, withdrawn or ended (an offer that ends while shown is withdrawn on the screen). Its check is
 * tried again while Redis fails it, and a check answered after the offer was taken, withdrawn or ended shows nothing
 * (its answer may come after the news of that, which travels on another connection).
 */
final class ShownOffers {
    private static final Logger LOG = LoggerFactory.getLogger(ShownOffers.class);
    /** The offers being checked, each with its latest check: an earlier one, superseded, stops and shows nothing. */
    private final Map<String, Object> checking = new HashMap<>();
    private final Set<String> shown = new HashSet<>();
    private final Vertx vertx;
    private final String counsellorId;
    private final ConversationStore conversations;
    private final OfferFrames offers;
    private final FrameChannel channel;

    ShownOffers(Vertx vertx, String counsellorId, ConversationStore conversations, OfferFrames offers,
                FrameChannel channel) {
        this.vertx = vertx;
        this.counsellorId = counsellorId;
        this.conversations = conversations;
        this.offers = offers;
        this.channel = channel;
    }

    /** Shows the offer if the conversation is still offered to this counsellor. */
    void show(String conversation) {
        Object check = new Object();
        checking.put(conversation, check);
        RedisRetries.retrying(vertx, LOG, "Checking an offer", () -> conversations.find(conversation)
                .onSuccess(found -> {
                    if (checking.remove(conversation, check)) {
                        found.filter(record -> record.status() == ConversationStatus.OFFERED
                                && record.offeredTo().equals(Optional.of(counsellorId))).ifPresent(record -> {
                                    shown.add(record.id());
                                    channel.send(offers.offer(record));
                                });
                    }
                }), () -> checking.get(conversation) == check && channel.isOpen());
    }

    /** The console logs out: no check under way shows anything any more. */
    void close() {
        checking.clear();
    }

    /** The offer is no longer on screen (taken, or its withdrawal passed on), or no longer to be shown. */
    void forget(String conversation) {
        checking.remove(conversation);
        shown.remove(conversation);
    }

    /** The conversation ended: an offer of it still shown is withdrawn. */
    void ended(String conversation) {
        checking.remove(conversation);
        if (shown.remove(conversation)) {
            channel.send(new JsonObject().put("type", "offer_withdrawn").put("conversation", conversation)
                    .put("reason", "ended"));
        }
    }
}
