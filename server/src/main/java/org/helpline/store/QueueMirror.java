package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the queue's order, so that positions cost nothing while the queue stands still. It is read whole
 * once (at start, and again whenever the pub/sub connection comes back or the copy's size disagrees with Redis for a
 * while), then kept by the changes the scripts publish on {@link Keys#QUEUE_CHANGES} (see {@code prelude.lua}): a chat
 * entering or moving, a chat leaving. Each change states where the chat is now, so a change applied twice, or before
 * the whole read it is part of, ends in the same order. The routing channel's step events mark a conversation as
 * changed too (its routing step, which the overflow checks use). Used from one Vert.x context: the one that started it.
 */
public final class QueueMirror {
    private static final Logger LOG = LoggerFactory.getLogger(QueueMirror.class);
    /** Seconds the copy may disagree with Redis on the queue's size (changes in flight) before it is read again. */
    static final int DISAGREEMENTS_TOLERATED = 5;
    private static final Comparator<Place> REDIS_ORDER = Comparator.comparingDouble(Place::score)
            .thenComparing(Place::id);

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final EventChannels events;
    private final Map<String, Place> places = new HashMap<>();
    private final TreeSet<Place> order = new TreeSet<>(REDIS_ORDER);
    private final Set<String> changed = new HashSet<>();
    private final List<EventChannels.Subscription> subscriptions = new ArrayList<>();
    private List<String> duringReload;
    private boolean allChanged = true;
    private long version;
    private int disagreements;

    public QueueMirror(RedisAsyncCommands<String, String> commands, RedisBridge bridge, EventChannels events) {
        this.commands = commands;
        this.bridge = bridge;
        this.events = events;
    }

    /** Subscribes to the changes, then reads the whole queue. */
    public Future<Void> start() {
        return Future.all(events.subscribe(Keys.QUEUE_CHANGES, this::changeReceived, this::reload),
                        events.subscribe(Keys.ROUTING_CHANNEL, this::routingEvent, () -> { }))
                .compose(subscribed -> {
                    subscriptions.add(subscribed.resultAt(0));
                    subscriptions.add(subscribed.resultAt(1));
                    return read();
                });
    }

    public void stop() {
        subscriptions.forEach(EventChannels.Subscription::cancel);
        subscriptions.clear();
    }

    /** Grows with every change of the queue's order: equal versions, equal ranks. */
    public long version() {
        return version;
    }

    /** The 0-based place of each of these conversations in the queue; those not waiting are absent. */
    public Map<String, Long> ranks(Set<String> ids) {
        Map<String, Long> ranks = new HashMap<>();
        long rank = 0;
        for (Place place : order) {
            if (ranks.size() == ids.size()) {
                break;
            }
            if (ids.contains(place.id())) {
                ranks.put(place.id(), rank);
            }
            rank++;
        }
        return ranks;
    }

    /**
     * The conversations that entered, moved, left or changed step since the last call; everything ({@code null})
     * after the queue was read whole, when changes may have been missed.
     */
    public Set<String> takeChanged() {
        if (allChanged) {
            allChanged = false;
            changed.clear();
            return null;
        }
        Set<String> taken = Set.copyOf(changed);
        changed.clear();
        return taken;
    }

    /**
     * Compares the copy with the queue's size in Redis, read just now; a disagreement that lasts (not a change still
     * on its way) means a change was missed, and the queue is read whole again.
     */
    public void check(long waitingInRedis) {
        if (waitingInRedis == order.size() || duringReload != null) {
            disagreements = 0;
        } else if (++disagreements >= DISAGREEMENTS_TOLERATED) {
            LOG.info("This node's copy of the queue disagreed with Redis for {} s: reading the queue again",
                    disagreements);
            reload();
        }
    }

    private void reload() {
        read().onFailure(failure -> FailureLog.log(LOG, "Reading the queue again", failure));
    }

    private Future<Void> read() {
        if (duringReload != null) {
            return Future.succeededFuture();
        }
        duringReload = new ArrayList<>();
        return bridge.toFuture(commands.zrangeWithScores(Keys.QUEUE, 0, -1))
                .map(entries -> {
                    places.clear();
                    order.clear();
                    entries.forEach(entry -> place(new Place(entry.getValue(), entry.getScore())));
                    List<String> received = duringReload;
                    duringReload = null;
                    received.forEach(this::apply);
                    allChanged = true;
                    disagreements = 0;
                    version++;
                    return (Void) null;
                })
                .onFailure(failure -> duringReload = null);
    }

    private void changeReceived(String change) {
        if (duringReload != null) {
            duringReload.add(change);
        } else {
            apply(change);
        }
    }

    /** {@code +|<score>|<id>} or {@code -|<id>}. */
    private void apply(String change) {
        String id;
        if (change.startsWith("+|")) {
            int bar = change.indexOf('|', 2);
            id = change.substring(bar + 1);
            place(new Place(id, Double.parseDouble(change.substring(2, bar))));
        } else if (change.startsWith("-|")) {
            id = change.substring(2);
            Place gone = places.remove(id);
            if (gone != null) {
                order.remove(gone);
            }
        } else {
            LOG.debug("Unknown queue change ignored");
            return;
        }
        changed.add(id);
        version++;
    }

    private void place(Place place) {
        Place before = places.put(place.id(), place);
        if (before != null) {
            order.remove(before);
        }
        order.add(place);
    }

    private void routingEvent(String published) {
        RoutingEvent event = RoutingEvent.parse(published);
        if (event.kind() == RoutingEvent.Kind.STEP_WIDENED) {
            changed.add(event.subject());
        }
    }

    private record Place(String id, double score) {
    }
}
