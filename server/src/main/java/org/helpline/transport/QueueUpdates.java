package org.helpline.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OverflowPolicy;
import org.helpline.domain.OverflowReason;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.StepRouting;
import org.helpline.domain.WaitEstimate;
import org.helpline.domain.WaitingConversation;
import org.helpline.store.ConversationStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.QueueStore;

/**
 * Pushes what waiting looks like, every {@link #PERIOD}: to each waiting visitor of this node their place in the
 * queue and an estimated wait ({@link WaitEstimate}), sent when it changes, and the hotlines open now when the
 * {@link OverflowPolicy} says so; to each console allowed to pick, the waiting chats its counsellor could take (topic,
 * language, role, priority, step, wait: nothing identifying). A verticle: its timer lives and dies with the node.
 */
public final class QueueUpdates extends VerticleBase {
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final int BATCH = 500;

    private final QueueStore queue;
    private final CounsellorStore counsellors;
    private final ConversationStore conversations;
    private final StepRouting routing;
    private final OverflowPolicy overflow;
    private final HotlineDirectory directory;
    private final Clock clock;
    private final Map<Object, Watcher> positions = new ConcurrentHashMap<>();
    private final Map<Object, Watcher> pickLists = new ConcurrentHashMap<>();
    private boolean running;

    public QueueUpdates(QueueStore queue, CounsellorStore counsellors, ConversationStore conversations,
                        StepRouting routing, OverflowPolicy overflow, HotlineDirectory directory, Clock clock) {
        this.queue = queue;
        this.counsellors = counsellors;
        this.conversations = conversations;
        this.routing = routing;
        this.overflow = overflow;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(PERIOD.toMillis(), id -> tick());
        return Future.succeededFuture();
    }

    /** Sends {@code queue} frames for this conversation while it waits; cancel with {@link #forget}. */
    void watchPosition(Object owner, String conversation, Consumer<JsonObject> send) {
        positions.put(owner, new Watcher(socketContext(), conversation, null, send));
    }

    /** Sends {@code waiting} frames (the pick list) to this counsellor's console. */
    void watchPickList(Object owner, Counsellor counsellor, Consumer<JsonObject> send) {
        pickLists.put(owner, new Watcher(socketContext(), null, counsellor, send));
    }

    private static Context socketContext() {
        return Objects.requireNonNull(Vertx.currentContext(), "watch from the socket's context");
    }

    void forget(Object owner) {
        positions.remove(owner);
        pickLists.remove(owner);
    }

    private void tick() {
        if (running || (positions.isEmpty() && pickLists.isEmpty())) {
            return;
        }
        running = true;
        Future.all(positionUpdates(), pickListUpdates()).onComplete(done -> running = false);
    }

    private Future<Void> positionUpdates() {
        if (positions.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Watcher> watchers = List.copyOf(positions.values());
        return Future.all(queue.assignedWithin(WaitEstimate.WINDOW), counsellors.reachable())
                .compose(state -> {
                    long taken = state.<Long>resultAt(0);
                    List<ReachableCounsellor> reachable = state.resultAt(1);
                    List<Future<Void>> batches = new ArrayList<>();
                    for (int from = 0; from < watchers.size(); from += BATCH) {
                        List<Watcher> batch = watchers.subList(from, Math.min(watchers.size(), from + BATCH));
                        batches.add(queue.positions(batch.stream().map(w -> w.conversation).toList())
                                .map(states -> {
                                    for (int i = 0; i < batch.size(); i++) {
                                        update(batch.get(i), states.get(i), taken, reachable);
                                    }
                                    return null;
                                }));
                    }
                    return Future.join(batches).mapEmpty();
                });
    }

    private void update(Watcher watcher, QueueStore.QueuedConversation state, long taken,
                        List<ReachableCounsellor> reachable) {
        if (state.rank() < 0) {
            watcher.last = null;
            return;
        }
        long position = state.rank() + 1;
        // nobody online: no estimate (the throughput of the last minutes says nothing about when someone comes)
        boolean online = !reachable.isEmpty();
        watcher.sendIfChanged(new JsonObject().put("type", "queue")
                .put("conversation", watcher.conversation).put("position", position)
                .put("estimatedWaitSeconds", online ? WaitEstimate.of(position, taken).map(Duration::toSeconds)
                        .orElse(null) : null)
                .put("counsellorsOnline", online));
        WaitingConversation waiting = new WaitingConversation(state.id(), 0, state.createdAt(), state.triage(),
                state.step(), Set.of());
        Instant now = clock.instant();
        overflow.reason(waiting, reachable, now).filter(reason -> reason != watcher.lastOverflow).ifPresent(reason -> {
            watcher.lastOverflow = reason;
            watcher.deliver(HotlineFrames.alternatives(watcher.conversation, reason.wireName(), state.triage(),
                    directory.current(), now));
            conversations.alternativesShown(watcher.conversation);
        });
    }

    private Future<Void> pickListUpdates() {
        if (pickLists.isEmpty()) {
            return Future.succeededFuture();
        }
        return queue.head(100).map(head -> {
            Instant now = clock.instant();
            for (Watcher watcher : pickLists.values()) {
                JsonArray visible = new JsonArray();
                for (WaitingConversation conversation : head) {
                    if (routing.admits(conversation, watcher.counsellor, now)) {
                        visible.add(describe(conversation, now.toEpochMilli()));
                    }
                }
                watcher.sendIfChanged(new JsonObject().put("type", "waiting").put("conversations", visible));
            }
            return null;
        });
    }

    private JsonObject describe(WaitingConversation conversation, long now) {
        JsonObject item = new JsonObject().put("conversation", conversation.id())
                .put("priority", QueuePriority.classOf(conversation.triage()).wireName())
                .put("step", routing.step(conversation.step()).name())
                .put("waitedSeconds", Math.max(0, (now - conversation.arrivedAt()) / 1000));
        conversation.triage().topic().ifPresent(topic -> item.put("topic", topic));
        conversation.triage().language().ifPresent(language -> item.put("language", language));
        conversation.triage().role().ifPresent(role -> item.put("role", role.wireName()));
        return item;
    }

    private static final class Watcher {
        final Context context;
        final String conversation;
        final Counsellor counsellor;
        final Consumer<JsonObject> send;
        volatile String last;
        volatile OverflowReason lastOverflow;

        Watcher(Context context, String conversation, Counsellor counsellor, Consumer<JsonObject> send) {
            this.context = context;
            this.conversation = conversation;
            this.counsellor = counsellor;
            this.send = send;
        }

        void deliver(JsonObject frame) {
            context.runOnContext(ignored -> send.accept(frame));
        }

        void sendIfChanged(JsonObject frame) {
            String encoded = frame.encode();
            if (!encoded.equals(last)) {
                last = encoded;
                context.runOnContext(ignored -> send.accept(frame));
            }
        }
    }
}
