package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
    /** The offers on screen, each with the number of the showing that put it there. */
    private final Map<String, Long> shown = new HashMap<>();
    private long showings;
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
                                    shown.put(record.id(), ++showings);
                                    channel.send(offers.offer(record));
                                });
                    }
                }), () -> checking.get(conversation) == check && channel.isOpen())
                .onFailure(givenUp -> checking.remove(conversation, check));
    }

    /**
     * After a pub/sub drop, which may have lost the news of offers made and withdrawn: reads the offers standing now
     * with {@code standing}, shows them (again), and withdraws those shown before the read that no longer stand
     * (reason {@code gone}: declined from another console of hers, expired, ended or accepted meanwhile).
     */
    Future<Void> catchUp(Supplier<Future<Set<String>>> standing) {
        long shownBefore = showings;
        return standing.get().map(offered -> {
            List<String> gone = shown.entrySet().stream().filter(offer -> offer.getValue() <= shownBefore
                    && !offered.contains(offer.getKey())).map(Map.Entry::getKey).toList();
            gone.forEach(conversation -> {
                shown.remove(conversation);
                channel.send(withdrawn(conversation, "gone"));
            });
            offered.forEach(this::show);
            return null;
        });
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
        if (shown.remove(conversation) != null) {
            channel.send(withdrawn(conversation, "ended"));
        }
    }

    private static JsonObject withdrawn(String conversation, String reason) {
        return new JsonObject().put("type", "offer_withdrawn").put("conversation", conversation).put("reason", reason);
    }
}
