package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.ConversationStatus;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;

/**
 * The chats one supervisor socket's alerts cite, followed so that each alert shows the chat's state now: every alert
 * passing through makes its conversation followed, and the page names those it still shows after a reconnect
 * ({@code follow}). A followed chat's state is read once when it is followed (so nothing between the alert and the
 * subscription is missed), again whenever its channel says it changed hands or ended, and again when another alert
 * cites it (one replayed from the log after a pub/sub gap says the chat waits although it was answered since); each
 * read is sent as a {@code chat_state} frame (status, and the counsellor and association while it is held); a read
 * that fails is tried again later and later until one succeeds, and a chat whose subscription failed is followed anew
 * at its next citation. At most {@link #MAX} chats are followed, the one cited longest ago dropped first. Nothing of
 * the chat's messages is read or sent.
 */
final class AlertedChats {
    static final int MAX = 200;
    /** The events of a conversation's channel after which its state is read again. */
    private static final Set<ChatEvent> CHANGES = EnumSet.of(ChatEvent.ASSIGNED, ChatEvent.TRANSFERRED,
            ChatEvent.REQUEUED, ChatEvent.ENDED, ChatEvent.ERASED);

    private final Vertx vertx;
    private final EventChannels events;
    private final ConversationStore conversations;
    private final Consumer<JsonObject> send;
    /** Each followed chat's following, in the order they were last cited. */
    private final Map<String, Following> followed = new LinkedHashMap<>();
    private boolean stopped;

    AlertedChats(Vertx vertx, EventChannels events, ConversationStore conversations, Consumer<JsonObject> send) {
        this.vertx = vertx;
        this.events = events;
        this.conversations = conversations;
        this.send = send;
    }

    /** An alert on its way to the page: the chat it cites, if any, is followed from now on. */
    void cited(String alert) {
        try {
            String conversation = new JsonObject(alert).getString("conversation");
            if (conversation != null && Fields.isReference(conversation)) {
                follow(conversation);
            }
        } catch (DecodeException | ClassCastException e) {
            // not an alert about a chat
        }
    }

    /** The page's {@code follow} frame: the chats of the alerts it still shows (after a reconnect). */
    Future<Void> follow(JsonObject frame) {
        List<String> cited = Fields.codes(frame, "conversations", MAX);
        for (String conversation : cited) {
            if (!Fields.isReference(conversation)) {
                throw ProtocolException.invalid("conversations", "conversations must hold conversation references");
            }
        }
        for (String conversation : cited) {
            // a chat followed already has its state sent again, as asked; one still subscribing gets it then
            Following following = followed.get(conversation);
            if (!stopped && following != null && following.subscription != null) {
                readState(conversation);
            } else {
                follow(conversation);
            }
        }
        return Future.succeededFuture();
    }

    private void follow(String conversation) {
        if (stopped) {
            return;
        }
        if (followed.containsKey(conversation)) { // cited again: the newest, the last to be dropped
            Following following = followed.remove(conversation);
            followed.put(conversation, following);
            if (following.subscription != null) {
                readState(conversation); // after this alert, which may say what is no longer so (replayed from the log)
            }
            return;
        }
        Following following = new Following();
        followed.put(conversation, following);
        if (followed.size() > MAX) {
            String oldest = followed.keySet().iterator().next();
            followed.remove(oldest).cancel();
        }
        events.subscribe(Keys.conversationChannel(conversation), event -> changed(conversation, event),
                        () -> readState(conversation))
                .onSuccess(subscription -> {
                    // only this following's own: the chat may have been dropped and followed anew meanwhile
                    if (followed.get(conversation) == following && !stopped) {
                        following.subscription = subscription;
                        readState(conversation);
                    } else {
                        subscription.cancel();
                    }
                })
                .onFailure(failure -> {
                    if (followed.get(conversation) == following) {
                        followed.remove(conversation);
                    }
                });
    }

    private void changed(String conversation, String event) {
        try {
            if (CHANGES.contains(ChatEvent.of(new JsonObject(event).getString("type")))) {
                readState(conversation);
            }
        } catch (DecodeException | ClassCastException e) {
            // not a change of state
        }
    }

    private void readState(String conversation) {
        readState(conversation, RetryDelay.first());
    }

    private void readState(String conversation, RetryDelay delay) {
        conversations.find(conversation).onComplete(found -> {
            if (stopped || !followed.containsKey(conversation)) {
                return;
            }
            if (found.succeeded()) {
                send.accept(frame(conversation, found.result()));
            } else {
                vertx.setTimer(delay.millis(), id -> readState(conversation, delay.next()));
            }
        });
    }

    private static JsonObject frame(String conversation, Optional<ConversationRecord> found) {
        JsonObject frame = new JsonObject().put("type", "chat_state").put("conversation", conversation)
                .put("status", found.map(ConversationRecord::status).orElse(ConversationStatus.ENDED).wireName());
        found.filter(record -> record.status() == ConversationStatus.ACTIVE).ifPresent(record -> {
            record.counsellorName().ifPresent(name -> frame.put("counsellor", name));
            record.associationId().ifPresent(association -> frame.put("association", association));
        });
        return frame;
    }

    /** The socket closed: every subscription is cancelled. */
    void stop() {
        stopped = true;
        followed.values().forEach(Following::cancel);
        followed.clear();
    }

    /** One following of a chat: its subscription once Redis confirmed it. */
    private static final class Following {
        EventChannels.Subscription subscription;

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
