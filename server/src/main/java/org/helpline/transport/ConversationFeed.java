package org.helpline.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.Side;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.FailureLog;
import org.helpline.store.Keys;
import org.helpline.store.UnreadableTranscript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket's view of one conversation: the events published on the conversation's channel, delivered in order,
 * each message exactly once. The feed remembers the last sequence it delivered; an event that skips ahead (a pub/sub
 * message lost, or a resume) is filled from the durable log first, and one already delivered is dropped. All of it
 * runs on the socket's context, one event after another. An event marked {@code "for"} one side is not delivered to
 * the other. A read of the log that fails (Redis unreachable, or refusing commands while its queue is full) is tried
 * again ({@link RetryDelay}) until one succeeds: a stored message is never left waiting for the next event.
 */
final class ConversationFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationFeed.class);
    /** Messages read from the log at a time (a page of 16 KB messages is under 1 MB). */
    static final int PAGE = 50;
    private final String conversationId;
    private final Side side;
    private final ConversationStore store;
    private final Consumer<JsonObject> deliver;
    /** Completes when the socket can take more (its write queue is not full): the log is read a page at a time. */
    private final Supplier<Future<Void>> writable;
    private final Context context;
    /** False for a conversation followed from before it existed: all it will ever hold comes as events. */
    private final boolean logBeforeOpening;
    private final Promise<Void> opened = Promise.promise();
    private Future<Void> tail = opened.future();
    private EventChannels.Subscription subscription;
    private long lastSeq;
    private boolean closed;
    private RetryDelay nextRetry = RetryDelay.first();
    private boolean retrying;
    /** Told the conversation's state as stored after a gap in its channel; null: nobody asked. */
    private Consumer<ConversationRecord> afterGap;
    /** The channel came back after a gap: the state is read once the log has been. */
    private boolean stateOwed;
    private boolean endDelivered;

    private ConversationFeed(String conversationId, Side side, long afterSeq, boolean logBeforeOpening,
                             ConversationStore store, Consumer<JsonObject> deliver, Supplier<Future<Void>> writable) {
        this.writable = writable;
        this.conversationId = conversationId;
        this.logBeforeOpening = logBeforeOpening;
        this.side = side;
        this.lastSeq = afterSeq;
        this.store = store;
        this.deliver = deliver;
        this.context = Vertx.currentContext();
    }

    /**
     * Subscribes to the conversation's events. Nothing is delivered until {@link #open()}, so the caller can first
     * send its own header frame; events arriving meanwhile wait in order.
     */
    static Future<ConversationFeed> subscribe(String conversationId, Side side, long afterSeq,
                                              ConversationStore store, EventChannels events,
                                              Consumer<JsonObject> deliver) {
        return subscribe(conversationId, side, afterSeq, store, events, deliver, Future::succeededFuture);
    }

    /**
     * The same, for a socket that says when it can take more ({@code writable}): after each page of the log the next
     * is read only once the socket's write queue has room, so that a client that reads slowly, or not at all, holds
     * a page of its history in the node's memory, not all of it.
     */
    static Future<ConversationFeed> subscribe(String conversationId, Side side, long afterSeq,
                                              ConversationStore store, EventChannels events,
                                              Consumer<JsonObject> deliver, Supplier<Future<Void>> writable) {
        return subscribe(new ConversationFeed(conversationId, side, afterSeq, true, store, deliver, writable), events);
    }

    /**
     * Subscribes to a conversation that does not exist yet: it is created once this has completed, so every message
     * it will hold is published after the subscription, and opening it reads no log (a dropped pub/sub connection
     * still has the log read when it comes back).
     */
    static Future<ConversationFeed> subscribeBeforeCreation(String conversationId, Side side, ConversationStore store,
                                                            EventChannels events, Consumer<JsonObject> deliver) {
        return subscribe(new ConversationFeed(conversationId, side, 0, false, store, deliver, Future::succeededFuture),
                events);
    }

    private static Future<ConversationFeed> subscribe(ConversationFeed feed, EventChannels events) {
        String conversationId = feed.conversationId;
        return events.subscribe(Keys.conversationChannel(conversationId), feed::onEvent, feed::regained)
                .map(subscription -> {
                    feed.subscription = subscription;
                    return feed;
                });
    }

    String conversationId() {
        return conversationId;
    }

    /** Delivers everything stored after the starting sequence, then live events. */
    void open() {
        if (logBeforeOpening) {
            catchUpLater();
        }
        opened.tryComplete();
    }

    void close() {
        closed = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void onEvent(String raw) {
        JsonObject event = new JsonObject(raw);
        if (side == Side.VISITOR && ChatEvent.of(event.getString("type")) == ChatEvent.VISITOR_ATTACHED && !closed
                && opened.future().isComplete()) {
            deliver.accept(event); // another socket attached (this one may be evicted): not behind a history's pages
            return;
        }
        enqueue(() -> handle(store.readable(event)));
    }

    /**
     * After a gap in the channel (the node's pub/sub connection dropped and came back), {@code told} gets the
     * conversation's state as stored, once the log has been read: what the channel said meanwhile besides messages (an
     * end, a counsellor, a return to the queue) was lost with it. Not once an end has been delivered.
     */
    void afterGap(Consumer<ConversationRecord> told) {
        afterGap = told;
    }

    private void regained() {
        stateOwed = true;
        catchUpLater();
    }

    private void catchUpLater() {
        enqueue(this::catchUp);
    }

    /**
     * Runs {@code step} after the steps before it, at once when none is pending. Once a step is done the feed lets go
     * of it and of what it holds (its event): a feed that kept its last event until the next one came, seconds later,
     * had the collector copy thousands of them at every young collection (docs/performance.md). Every step's future
     * completes on the feed's context (the stores' futures come back to their caller's context), where {@code tail}
     * is read and written.
     */
    private void enqueue(Supplier<Future<Void>> step) {
        Future<Void> next = tail.isComplete() ? run(step) : tail.transform(ignored -> run(step));
        tail = next;
        next.onComplete(done -> {
            if (tail == next) {
                tail = Future.succeededFuture();
            }
            if (done.failed()) {
                FailureLog.log(LOG, "Delivering a conversation", done.cause());
                if (!(done.cause() instanceof UnreadableTranscript)) {
                    retryLater();
                }
            }
        });
    }

    private Future<Void> run(Supplier<Future<Void>> step) {
        if (closed) {
            return Future.succeededFuture();
        }
        try {
            return step.get();
        } catch (Throwable e) { // as a step chained behind another (Vert.x's transform) fails, logged and retried
            return Future.failedFuture(e);
        }
    }

    /** The log could not be read: read it again later (one retry pending at a time), whatever events come. */
    private void retryLater() {
        if (retrying || closed || context == null) {
            return;
        }
        retrying = true;
        long delay = nextRetry.millis();
        nextRetry = nextRetry.next();
        context.owner().setTimer(delay, timer -> context.runOnContext(again -> {
            retrying = false;
            catchUpLater();
        }));
    }

    private Future<Void> handle(JsonObject event) {
        ChatEvent type = ChatEvent.of(event.getString("type"));
        Object audience = event.getValue("for");
        if (audience != null && !side.wireName().equals(audience)) {
            return Future.succeededFuture();
        }
        if (type == ChatEvent.MESSAGE) {
            long seq = event.getLong("seq");
            if (seq <= lastSeq) {
                return Future.succeededFuture();
            }
            if (seq == lastSeq + 1) {
                lastSeq = seq;
                deliver.accept(event);
                return Future.succeededFuture();
            }
            return catchUp();
        }
        if (type == ChatEvent.TYPING && side.wireName().equals(event.getString("from"))) {
            return Future.succeededFuture();
        }
        endDelivered |= type == ChatEvent.ENDED;
        deliver.accept(event);
        return Future.succeededFuture();
    }

    /** Delivers what the log holds after the last sequence delivered, a page at a time. */
    private Future<Void> catchUp() {
        return store.messagesAfter(conversationId, lastSeq, PAGE).compose(messages -> {
            nextRetry = RetryDelay.first();
            for (JsonObject message : messages) {
                long seq = message.getLong("seq");
                if (seq > lastSeq && !closed) {
                    lastSeq = seq;
                    deliver.accept(message);
                }
            }
            if (messages.size() < PAGE || closed) {
                return stateOwed ? readState() : Future.succeededFuture();
            }
            return writable.get().compose(ready -> closed ? Future.succeededFuture() : catchUp());
        });
    }

    private Future<Void> readState() {
        if (afterGap == null || endDelivered) {
            stateOwed = false;
            return Future.succeededFuture();
        }
        return store.find(conversationId).map(found -> {
            stateOwed = false;
            if (!closed && !endDelivered) {
                found.ifPresent(afterGap);
            }
            return null;
        });
    }
}
