package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Hotline;
import org.helpline.domain.OnlineCounsellor;
import org.helpline.domain.OverflowPolicy;
import org.helpline.domain.OverflowReason;
import org.helpline.domain.QueuePlace;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.StepRouting;
import org.helpline.domain.Triage;
import org.helpline.domain.WaitEstimate;
import org.helpline.domain.WaitingConversation;
import org.helpline.store.ConversationStore;
import org.helpline.store.FailureLog;
import org.helpline.store.QueueMirror;
import org.helpline.store.QueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what waiting looks like, every {@link #PERIOD}: to each waiting visitor of this node their place in the
 * queue and an estimated wait ({@link WaitEstimate}), sent when it changes as {@link QueuePlace} says (far back, at
 * most every ten seconds), and the hotlines open now for her need when they or the {@link OverflowPolicy}'s reason
 * changed ({@link WaitingLines}); to each console allowed to pick, the waiting chats its counsellor could take and her
 * free places ({@link PickListFrames}). Places come from this node's {@link QueueMirror}, so a queue that stands still
 * costs no Redis read however long it is; a visitor's triage, step and recent declines are read when they start waiting
 * here and again only when their conversation changes. A verticle: its timer lives and dies with the node.
 */
public final class QueueUpdates extends VerticleBase {
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final int BATCH = 500;
    static final int FRAMES_PER_TASK = 100;
    static final int WATCHERS_PER_TASK = 250;
    private static final Logger LOG = LoggerFactory.getLogger(QueueUpdates.class);

    private final QueueStore queue;
    private final QueueMirror mirror;
    private final Supplier<List<ReachableCounsellor>> reachable;
    private final Function<List<String>, Future<List<OnlineCounsellor>>> readCounsellors;
    private final StepRouting routing;
    private final OverflowPolicy overflow;
    /** The lines waiting visitors are shown, shared with the visitor sockets' starts and attaches. */
    final WaitingLines lines;
    private final Clock clock;
    private final Map<Object, Watcher> positions = new ConcurrentHashMap<>();
    private final Map<Object, Watcher> pickLists = new ConcurrentHashMap<>();
    private final AtomicLong watchesStarted = new AtomicLong();
    private long rankedVersion = -1;
    private long rankedWatches = -1;
    private Map<String, Long> ranks = Map.of();
    private boolean running;

    /**
     * {@code reachable}: the counsellors who can be given a chat, as this node's routing round last read them;
     * {@code readCounsellors} reads the load of those named with a live console now, available or away (the free
     * places a pick list shows); {@code conversations} records the first lines shown to a chat that had none.
     */
    public QueueUpdates(QueueStore queue, QueueMirror mirror, Supplier<List<ReachableCounsellor>> reachable,
                        Function<List<String>, Future<List<OnlineCounsellor>>> readCounsellors, StepRouting routing,
                        OverflowPolicy overflow, HotlineDirectory directory, ConversationStore conversations,
                        Clock clock) {
        this.queue = queue;
        this.mirror = mirror;
        this.reachable = reachable;
        this.readCounsellors = readCounsellors;
        this.routing = routing;
        this.overflow = overflow;
        this.lines = new WaitingLines(directory, conversations, clock);
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(PERIOD.toMillis(), id -> tick());
        return mirror.start();
    }

    @Override
    public Future<?> stop() {
        mirror.stop();
        return Future.succeededFuture();
    }

    /**
     * Sends {@code queue} frames for this conversation while it waits, and {@code alternatives} when her lines change
     * from those the socket showed her ({@code shown}); cancel with {@link #forget}.
     */
    void watchPosition(Object owner, String conversation, WaitingLines.Shown shown, Consumer<String> send) {
        positions.put(owner, new Watcher(socketContext(), conversation, null, shown, send));
        watchesStarted.incrementAndGet();
    }

    /** Sends {@code waiting} frames (the pick list) to this counsellor's console. */
    void watchPickList(Object owner, Counsellor counsellor, Consumer<String> send) {
        pickLists.put(owner, new Watcher(socketContext(), null, counsellor, null, send));
    }

    private static ContextInternal socketContext() {
        return (ContextInternal) Objects.requireNonNull(Vertx.currentContext(), "watch from the socket's context");
    }

    void forget(Object owner) {
        positions.remove(owner);
        pickLists.remove(owner);
    }

    private void tick() {
        if (positions.isEmpty()) {
            mirror.takeChanged(); // nobody waits here: what changed concerns nobody
        }
        if (running || (positions.isEmpty() && pickLists.isEmpty())) {
            return;
        }
        running = true;
        // join, not all: the next tick starts once both halves are done, even when one failed early
        Future.join(positionUpdates(), pickListUpdates())
                .onFailure(failure -> FailureLog.log(LOG, "Telling waiting visitors their place", failure))
                .onComplete(done -> running = false);
    }

    /**
     * Reads what does not depend on the queue's length (throughput, the queue's size to check the mirror) and the
     * triage of the conversations new here or changed, then sends what changed.
     */
    private Future<Void> positionUpdates() {
        if (positions.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Watcher> watchers = List.copyOf(positions.values());
        Set<String> changed = mirror.takeChanged();
        List<Watcher> unread = watchers.stream().filter(watcher -> watcher.state == null || changed == null
                || changed.contains(watcher.conversation)).toList();
        return Future.all(queue.assignedWithin(WaitEstimate.WINDOW), queue.waitingCount(), read(unread))
                .compose(state -> {
                    mirror.check(state.<Long>resultAt(1));
                    List<ReachableCounsellor> online = reachable.get();
                    Instant now = clock.instant();
                    Tick tick = new Tick(places(watchers), state.<Long>resultAt(0), !online.isEmpty(),
                            overflow.at(online, now), now, new HashMap<>());
                    return updateFrom(watchers, 0, tick);
                });
    }

    /**
     * Updates the watchers from {@code from} on, {@link #WATCHERS_PER_TASK} at a time, each slice in a task of its own
     * on this verticle's event loop: with thousands waiting, one task for all would hold the loop (and the sockets on
     * it) for tens of milliseconds each second.
     */
    private Future<Void> updateFrom(List<Watcher> watchers, int from, Tick tick) {
        int to = Math.min(watchers.size(), from + WATCHERS_PER_TASK);
        Deliveries deliveries = new Deliveries();
        for (Watcher watcher : watchers.subList(from, to)) {
            update(watcher, tick, deliveries);
        }
        deliveries.send();
        if (to == watchers.size()) {
            return Future.succeededFuture();
        }
        Promise<Void> rest = Promise.promise();
        // through compose, so that a slice that throws fails the tick (which then lets the next one run)
        context.runOnContext(ignored -> Future.succeededFuture().compose(next -> updateFrom(watchers, to, tick))
                .onComplete(rest));
        return rest.future();
    }

    /** The watched conversations' ranks, computed again only when the queue or the watchers changed. */
    private Map<String, Long> places(List<Watcher> watchers) {
        long watches = watchesStarted.get();
        if (mirror.version() != rankedVersion || watches != rankedWatches) {
            rankedVersion = mirror.version();
            rankedWatches = watches;
            Set<String> ids = new HashSet<>();
            watchers.forEach(watcher -> ids.add(watcher.conversation));
            ranks = mirror.ranks(ids);
        }
        return ranks;
    }

    /** Reads the triage, arrival and step of these conversations, in batches. */
    private Future<Void> read(List<Watcher> unread) {
        List<Future<Void>> batches = new ArrayList<>();
        for (int from = 0; from < unread.size(); from += BATCH) {
            List<Watcher> batch = unread.subList(from, Math.min(unread.size(), from + BATCH));
            batches.add(queue.positions(batch.stream().map(watcher -> watcher.conversation).toList())
                    .map(states -> {
                        for (int i = 0; i < batch.size(); i++) {
                            batch.get(i).state = states.get(i);
                        }
                        return null;
                    }));
        }
        return Future.join(batches).mapEmpty();
    }

    private void update(Watcher watcher, Tick tick, Deliveries deliveries) {
        Long rank = tick.places().get(watcher.conversation);
        boolean online = tick.online();
        QueueStore.QueuedConversation state = watcher.state;
        if (rank == null || state == null) {
            watcher.lastPlace = null;
            return;
        }
        long position = rank + 1;
        // with the counsellors who declined her or let her offer expire, as routing has them: while every one online
        // who could take her did, nobody answers her before their cool-down ends, and she is told so with the lines
        // open now (no_counsellor; closed once every one configured did), not left told she merely waits
        Optional<OverflowReason> overflow = tick.overflowNow().reason(new WaitingConversation(state.id(), 0,
                state.createdAt(), state.triage(), state.step(), state.excludedAt(tick.now())));
        QueuePlace place = QueuePlace.of(position, tick.taken(), online, overflow);
        if (place.worthTelling(watcher.lastPlace, watcher.toldAt, tick.now())) {
            watcher.lastPlace = place;
            watcher.toldAt = tick.now();
            deliveries.add(watcher, new JsonObject().put("type", "queue").put("conversation", watcher.conversation)
                    .put("position", position).put("estimatedWaitSeconds", place.estimatedWaitSeconds())
                    .put("counsellorsOnline", online));
        }
        // looked at whatever the reason: a reason that ended is told too, as `waiting`
        lines.update(watcher.shown, state, overflow.orElse(null), tick.now(), tick.openLines())
                .ifPresent(alternatives -> deliveries.add(watcher, alternatives));
    }

    private Future<Void> pickListUpdates() {
        if (pickLists.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Watcher> watchers = List.copyOf(pickLists.values());
        Future<List<WaitingConversation>> head = queue.head(100);
        Future<Map<String, Integer>> free = PickListFrames.freePlaces(readCounsellors,
                watchers.stream().map(watcher -> watcher.counsellor).toList());
        return Future.all(head, free).map(read -> {
            PickListFrames frames = new PickListFrames(routing, head.result(), clock.instant());
            Deliveries deliveries = new Deliveries();
            for (Watcher watcher : watchers) {
                watcher.sendIfChanged(frames.frame(watcher.counsellor, free.result()), deliveries);
            }
            deliveries.send();
            return null;
        });
    }

    /**
     * What one tick's updates share: the watched conversations' places, the chats taken within the estimate's window,
     * whether anyone can take a chat, the overflow rules as they stand now, the time, and the lines open now by need
     * (worked out once a tick).
     */
    private record Tick(Map<String, Long> places, long taken, boolean online, OverflowPolicy.Check overflowNow,
                        Instant now, Map<Triage, List<Hotline>> openLines) {
    }

    private static final class Watcher {
        final ContextInternal context;
        final String conversation;
        final Counsellor counsellor;
        /** The lines the visitor's socket showed her last (none for a console). */
        final WaitingLines.Shown shown;
        /** Sends a frame's text to the socket. */
        final Consumer<String> send;
        volatile QueueStore.QueuedConversation state;
        volatile QueuePlace lastPlace;
        volatile Instant toldAt;
        volatile String last;

        Watcher(ContextInternal context, String conversation, Counsellor counsellor, WaitingLines.Shown shown,
                Consumer<String> send) {
            this.context = context;
            this.conversation = conversation;
            this.counsellor = counsellor;
            this.shown = shown;
            this.send = send;
        }

        /** Sends a frame's text (encoded once for every console it goes to) unless it is the last one sent. */
        void sendIfChanged(String encoded, Deliveries deliveries) {
            if (!encoded.equals(last)) {
                last = encoded;
                deliveries.add(this, encoded);
            }
        }
    }

    /**
     * The frames of one tick, grouped by event loop (each socket has a context of its own, a duplicate of its
     * verticle's: {@link ContextInternal#unwrap()} is the one they share) and handed to it in tasks of at most
     * {@link #FRAMES_PER_TASK} frames: not one task per socket, nor one task for thousands of waiting visitors, which
     * would hold the event loop tens of milliseconds while starts and messages wait behind it. Each frame is sent in
     * its socket's own context, on that loop's thread (a frame of one socket encoded there); each socket's frames keep
     * their order.
     */
    private static final class Deliveries {
        private final Map<ContextInternal, List<Runnable>> byLoop = new HashMap<>();

        void add(Watcher watcher, JsonObject frame) {
            enqueue(watcher, () -> watcher.context.dispatch(frame, one -> watcher.send.accept(one.encode())));
        }

        void add(Watcher watcher, String encoded) {
            enqueue(watcher, () -> watcher.context.dispatch(encoded, watcher.send::accept));
        }

        private void enqueue(Watcher watcher, Runnable send) {
            byLoop.computeIfAbsent(watcher.context.unwrap(), loop -> new ArrayList<>()).add(send);
        }

        void send() {
            byLoop.forEach((loop, sends) -> {
                for (int from = 0; from < sends.size(); from += FRAMES_PER_TASK) {
                    List<Runnable> task = sends.subList(from, Math.min(sends.size(), from + FRAMES_PER_TASK));
                    loop.runOnContext(ignored -> task.forEach(Runnable::run));
                }
            });
        }
    }
}
