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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.helpline.config.DashboardSettings;
import org.helpline.domain.Dashboard;
import org.helpline.domain.DashboardSnapshot;
import org.helpline.domain.QueueView;
import org.helpline.domain.ServiceCalendar;
import org.helpline.store.DashboardStore;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor dashboard of one node, deployed as a verticle so that its timers live and die with the node.
 * Every {@link #PERIOD}, and only while this node has supervisor sockets, it assembles the dashboard (the queue as
 * the routing round saw it, plus one store read) and pushes the same {@code dashboard} frame to each of them.
 * Every {@link #SAMPLE_PERIOD}, supervisors or not, it records its sample of the queue in Redis for the charts, so
 * the history is the same from any node and outlives any node.
 */
public final class DashboardFeed extends VerticleBase {
    static final Duration PERIOD = Duration.ofSeconds(2);
    static final Duration SAMPLE_PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final Dashboard dashboard;
    private final DashboardStore store;
    private final Supplier<QueueView> queue;
    private final DashboardSettings settings;
    private final ServiceCalendar calendar;
    private final List<String> counsellorIds;
    private final Clock clock;
    private final Map<Object, Watcher> watchers = new ConcurrentHashMap<>();
    private boolean running;

    /** {@code calendar} is the one {@code store} reads today's counters by: the frames name its day. */
    public DashboardFeed(Dashboard dashboard, DashboardStore store, Supplier<QueueView> queue,
                         DashboardSettings settings, ServiceCalendar calendar, List<String> counsellorIds,
                         Clock clock) {
        this.dashboard = dashboard;
        this.store = store;
        this.queue = queue;
        this.settings = settings;
        this.calendar = calendar;
        this.counsellorIds = List.copyOf(counsellorIds);
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(PERIOD.toMillis(), id -> push());
        vertx.setPeriodic(SAMPLE_PERIOD.toMillis(), id -> sample());
        return Future.succeededFuture();
    }

    /** What a supervisor socket sends once authenticated: the settings, the whole history and the dashboard now. */
    Future<Opening> open() {
        Instant now = clock.instant();
        return snapshot(now, now.minus(Duration.ofHours(settings.historyHours()))).map(snapshot -> new Opening(
                DashboardFrames.settings(settings, PERIOD, calendar), DashboardFrames.history(snapshot.history(), 0),
                DashboardFrames.dashboard(snapshot, settings, calendar, recentFrom(now))));
    }

    /** Pushes every {@code dashboard} frame to this socket from now on, on the caller's (the socket's) context. */
    void watch(Object owner, Consumer<String> send) {
        watchers.put(owner, new Watcher(Vertx.currentContext(), send));
    }

    void forget(Object owner) {
        watchers.remove(owner);
    }

    private void push() {
        if (running || watchers.isEmpty()) {
            return;
        }
        running = true;
        Instant now = clock.instant();
        snapshot(now, Instant.ofEpochMilli(recentFrom(now) * 60_000))
                .map(snapshot -> DashboardFrames.dashboard(snapshot, settings, calendar, recentFrom(now)).encode())
                .onSuccess(frame -> watchers.values().forEach(watcher -> watcher.deliver(frame)))
                .onFailure(failure -> FailureLog.log(LOG, "Reading the dashboard", failure))
                .onComplete(done -> running = false);
    }

    private void sample() {
        QueueView view = queue.get();
        Instant now = clock.instant();
        store.recordMinute(now, view.waitingInAll(), Dashboard.longestWait(view.counted(), now),
                        Duration.ofHours(settings.historyHours() + 1L))
                .onFailure(failure -> FailureLog.log(LOG, "Recording the queue's minute", failure));
    }

    private Future<DashboardSnapshot> snapshot(Instant now, Instant historyFrom) {
        QueueView view = queue.get();
        return store.read(now, settings.serviceLevel(), historyFrom, counsellorIds)
                .map(reading -> dashboard.snapshot(view, reading, now));
    }

    /** The frames carry the minute in progress and the one before (other nodes may have sampled it since). */
    private static long recentFrom(Instant now) {
        return DashboardStore.epochMinute(now) - 1;
    }

    /** The welcome additions and the first dashboard frame. */
    record Opening(JsonObject settings, JsonArray history, JsonObject dashboard) {
    }

    private record Watcher(Context context, Consumer<String> send) {
        void deliver(String frame) {
            context.runOnContext(ignored -> send.accept(frame));
        }
    }
}
