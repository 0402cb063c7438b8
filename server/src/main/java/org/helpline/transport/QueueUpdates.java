package org.helpline.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.helpline.HelplineServices;
import org.helpline.domain.Counsellor;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.store.QueueStore;
import java.util.Set;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.WaitingConversation;

/**
 * Pushes what waiting looks like, every {@link #PERIOD}: to each waiting visitor of this node their place in the
 * queue and an estimated wait (sent when it changes), and to each console allowed to pick the waiting chats its
 * counsellor could take (topic, language, role, priority, step, wait: nothing identifying).
 *
 * <p>The estimate is the position divided by the recent throughput (chats taken by counsellors in the last
 * {@link #THROUGHPUT_WINDOW}); with no recent throughput it is unknown ({@code null}).
 */
public final class QueueUpdates {
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final int BATCH = 500;
    static final Duration THROUGHPUT_WINDOW = Duration.ofMinutes(15);

    private final HelplineServices services;
    private final Clock clock;
    private final Map<Object, Watcher> positions = new ConcurrentHashMap<>();
    private final Map<Object, Watcher> pickLists = new ConcurrentHashMap<>();
    private final long timer;
    private final Vertx vertx;
    private boolean running;

    public QueueUpdates(Vertx vertx, HelplineServices services, Clock clock) {
        this.vertx = vertx;
        this.services = services;
        this.clock = clock;
        this.timer = vertx.setPeriodic(PERIOD.toMillis(), id -> tick());
    }

    public void close() {
        vertx.cancelTimer(timer);
    }

    /** Sends {@code queue} frames for this conversation while it waits; cancel with {@link #forget}. */
    void watchPosition(Object owner, String conversation, Consumer<JsonObject> send) {
        positions.put(owner, new Watcher(vertx.getOrCreateContext(), conversation, null, send));
    }

    /** Sends {@code waiting} frames (the pick list) to this counsellor's console. */
    void watchPickList(Object owner, Counsellor counsellor, Consumer<JsonObject> send) {
        pickLists.put(owner, new Watcher(vertx.getOrCreateContext(), null, counsellor, send));
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
        return Future.all(services.queue().assignedWithin(THROUGHPUT_WINDOW), services.counsellors().reachable())
                .compose(state -> {
                    double perSecond = state.<Long>resultAt(0) / (double) THROUGHPUT_WINDOW.toSeconds();
                    List<ReachableCounsellor> reachable = state.resultAt(1);
                    List<Future<Void>> batches = new java.util.ArrayList<>();
                    for (int from = 0; from < watchers.size(); from += BATCH) {
                        List<Watcher> batch = watchers.subList(from, Math.min(watchers.size(), from + BATCH));
                        batches.add(services.queue().positions(batch.stream().map(w -> w.conversation).toList())
                                .map(states -> {
                                    for (int i = 0; i < batch.size(); i++) {
                                        update(batch.get(i), states.get(i), perSecond, reachable);
                                    }
                                    return null;
                                }));
                    }
                    return Future.join(batches).mapEmpty();
                });
    }

    private void update(Watcher watcher, QueueStore.QueuedConversation state, double perSecond,
                        List<ReachableCounsellor> reachable) {
        if (state.rank() < 0) {
            watcher.last = null;
            return;
        }
        long position = state.rank() + 1;
        watcher.sendIfChanged(new JsonObject().put("type", "queue")
                .put("conversation", watcher.conversation).put("position", position)
                .put("estimatedWaitSeconds", perSecond > 0 ? Long.valueOf(Math.round(position / perSecond)) : null));
        WaitingConversation waiting = new WaitingConversation(state.id(), 0, state.createdAt(), state.triage(),
                state.step(), Set.of());
        String reason = overflow(waiting, reachable);
        if (reason != null && !reason.equals(watcher.lastOverflow)) {
            watcher.lastOverflow = reason;
            watcher.deliver(HotlineFrames.alternatives(watcher.conversation, reason, state.triage(),
                    services.directory().current(), clock.instant()));
            services.conversations().alternativesShown(watcher.conversation);
        }
    }

    /**
     * Why a waiting visitor should be offered the hotlines open now: {@code closed} (nobody configured can take the
     * chat at this hour), {@code long_wait} (past the policy's last step timeout), {@code no_counsellor} (nobody who
     * could take it is online and free); {@code null} when none applies. Checked in that order.
     */
    private String overflow(WaitingConversation waiting, List<ReachableCounsellor> reachable) {
        var now = clock.instant();
        if (services.config().counsellors().stream().noneMatch(c -> services.routing().admits(waiting, c, now))) {
            return "closed";
        }
        long policyLength = services.config().routing().steps().stream()
                .mapToLong(step -> step.timeout().toMillis()).sum();
        if (policyLength > 0 && now.toEpochMilli() - waiting.arrivedAt() > policyLength
                && waiting.step() >= services.config().routing().steps().size() - 1) {
            return "long_wait";
        }
        if (reachable.stream().noneMatch(c -> c.freeCapacity() > 0
                && services.routing().admits(waiting, c.counsellor(), now))) {
            return "no_counsellor";
        }
        return null;
    }

    private Future<Void> pickListUpdates() {
        if (pickLists.isEmpty()) {
            return Future.succeededFuture();
        }
        return services.queue().head(100).map(head -> {
            var now = clock.instant();
            for (Watcher watcher : pickLists.values()) {
                JsonArray visible = new JsonArray();
                for (WaitingConversation conversation : head) {
                    if (services.routing().admits(conversation, watcher.counsellor, now)) {
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
                .put("step", services.routing().step(conversation.step()).name())
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
        volatile String lastOverflow;

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
