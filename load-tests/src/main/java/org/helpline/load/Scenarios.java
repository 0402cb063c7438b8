package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The three scenarios. Each connects its counsellors, then its visitors at a bounded pace, runs for its duration,
 * stops sending, drains, and reports. Nothing loops forever: every phase has a time limit.
 */
final class Scenarios {
    static final Duration DRAIN = Duration.ofSeconds(3);
    /** How long the steady scenario waits for every chat to be assigned before its message phase starts anyway. */
    static final Duration ASSIGNED_WITHIN = Duration.ofSeconds(60);
    /** How many visitors a second the steady scenario connects, unless told ({@code --arrivals}). */
    static final int ARRIVALS = 500;

    private Scenarios() {
    }

    /**
     * N chats, counsellors with capacity, both sides writing every {@code every}. Costs are read over the whole phase
     * (the chat starts and assignments included) and over its message phase alone: from the moment every chat is
     * assigned (or {@link #ASSIGNED_WITHIN} after the last visitor connected) to the end of the drain.
     */
    static Future<Result> steady(Target target, int visitors, int capacity, Duration every, Duration duration) {
        return steady(target, new Part(1, 1), visitors, capacity, every, duration, ARRIVALS);
    }

    /**
     * The steady scenario as one {@link Part} of a run split between generator processes, its visitors connecting at
     * {@code arrivals} a second.
     */
    static Future<Result> steady(Target target, Part part, int visitors, int capacity, Duration every,
                                 Duration duration, int arrivals) {
        int counsellors = (visitors + capacity - 1) / capacity;
        LoadClient client = new LoadClient(target.url());
        Traffic traffic = new Traffic(client, part.triage());
        ServerProbe probe = new ServerProbe(client, target);
        ServerProbe.Reading[] before = {ServerProbe.Reading.NONE, ServerProbe.Reading.NONE};
        long[] relayedBefore = new long[1];
        long[] errorsMeasured = new long[1];
        return connectCounsellors(traffic, part.firstCounsellor(counsellors), counsellors, every, false)
                .compose(ready -> probe.read()).map(reading -> before[0] = reading)
                .compose(ready -> {
                    probe.start();
                    return connectVisitors(client, traffic, visitors, every, arrivals);
                })
                .compose(connected -> traffic.assigned(visitors, ASSIGNED_WITHIN))
                .compose(assigned -> {
                    traffic.messagePhaseStarts();
                    relayedBefore[0] = relayed(traffic);
                    return probe.read();
                }).map(reading -> before[1] = reading)
                .compose(assigned -> sleep(client, duration))
                .compose(ran -> {
                    traffic.stopSending();
                    return sleep(client, DRAIN);
                })
                .compose(drained -> probe.read())
                .compose(after -> {
                    traffic.lost();
                    errorsMeasured[0] = traffic.counts.errors();
                    return traffic.endAll().compose(ended -> sleep(client, DRAIN)).map(after);
                })
                .map(after -> {
                    probe.stop();
                    return new Result("steady", "visitors=" + visitors + " counsellors=" + counsellors
                            + " capacity=" + capacity + " every=" + every.toMillis() + "ms duration="
                            + duration.toSeconds() + "s" + part.describe(), traffic, probe, after.since(before[0]),
                            duration, errorsMeasured[0],
                            new Phase(after.since(before[1]), relayed(traffic) - relayedBefore[0]));
                })
                .eventually(client::close);
    }

    /** M chats arriving within S seconds while few counsellors are busy; they end each chat after a handle time. */
    static Future<Result> surge(Target target, int chats, Duration within, int counsellors, int capacity,
                                Duration handle, Duration duration) {
        LoadClient client = new LoadClient(target.url());
        Traffic traffic = new Traffic(client);
        ServerProbe probe = new ServerProbe(client, target);
        double perSecond = chats / Math.max(0.001, within.toNanos() / 1e9);
        ServerProbe.Reading[] before = {ServerProbe.Reading.NONE};
        long[] errorsMeasured = new long[1];
        return connectCounsellors(traffic, 1, counsellors, handle, true)
                .compose(ready -> probe.read()).map(reading -> before[0] = reading)
                .compose(ready -> {
                    probe.start();
                    return connectVisitors(client, traffic, chats, Duration.ofDays(1), perSecond);
                })
                .compose(connected -> sleep(client, duration))
                .compose(ran -> probe.read())
                .compose(after -> {
                    errorsMeasured[0] = traffic.counts.errors();
                    traffic.stopSending();
                    return traffic.endAll().compose(ended -> sleep(client, DRAIN)).map(after);
                })
                .map(after -> {
                    probe.stop();
                    return new Result("surge", "chats=" + chats + " within=" + within.toSeconds() + "s counsellors="
                            + counsellors + " capacity=" + capacity + " duration=" + duration.toSeconds() + "s",
                            traffic, probe, after.since(before[0]), duration,
                            errorsMeasured[0], Phase.NONE);
                })
                .eventually(client::close);
    }

    /**
     * N visitors connected and waiting (no counsellor), held for the duration. What the server and Redis spend is read
     * from {@code settle} after the last visitor connected to the end: the cost of a queue where nothing happens.
     */
    static Future<Result> idle(Target target, int visitors, Duration duration, Duration settle) {
        LoadClient client = new LoadClient(target.url());
        Traffic traffic = new Traffic(client);
        ServerProbe probe = new ServerProbe(client, target);
        probe.start();
        ServerProbe.Reading[] before = {ServerProbe.Reading.NONE};
        long[] errorsMeasured = new long[1];
        Duration held = duration.minus(settle).isNegative() ? duration : duration.minus(settle);
        return connectVisitors(client, traffic, visitors, Duration.ofDays(1), 1000)
                .compose(connected -> sleep(client, duration.minus(held)))
                .compose(settled -> probe.read()).map(reading -> before[0] = reading)
                .compose(ready -> sleep(client, held))
                .compose(ran -> probe.read())
                .compose(after -> {
                    errorsMeasured[0] = traffic.counts.errors();
                    traffic.counts.add("open.sockets.at.end", client.openSockets());
                    traffic.stopSending();
                    return traffic.endAll().compose(ended -> sleep(client, DRAIN)).map(after);
                })
                .map(after -> {
                    probe.stop();
                    return new Result("idle", "visitors=" + visitors + " duration=" + duration.toSeconds()
                            + "s (costs read over the last " + held.toSeconds() + " s)", traffic, probe,
                            after.since(before[0]), held, errorsMeasured[0], Phase.NONE);
                })
                .eventually(client::close);
    }

    private static Future<Void> connectCounsellors(Traffic traffic, int first, int counsellors, Duration every,
                                                   boolean endAfter) {
        List<Future<WebSocket>> consoles = new ArrayList<>();
        for (int i = first; i < first + counsellors; i++) {
            consoles.add(traffic.counsellor(LoadAccounts.id(i), LoadAccounts.PASSWORD, every, endAfter));
        }
        return Future.join(consoles).mapEmpty();
    }

    /**
     * Connects {@code visitors} visitors at {@code perSecond} a second: each millisecond, as many as are due by the
     * time elapsed (so any rate comes out as asked, not rounded to a whole number of milliseconds between them).
     */
    private static Future<Void> connectVisitors(LoadClient client, Traffic traffic, int visitors, Duration every,
                                                double perSecond) {
        Arrivals arrivals = new Arrivals(client, traffic, visitors, every, perSecond);
        client.vertx.setTimer(1, arrivals);
        return arrivals.all.future();
    }

    /**
     * The visitors' arrivals, one timer at a time: each tick connects those due and sets the next. A periodic timer
     * cancelled from its own tick failed when its first ticks came before {@code setPeriodic} had returned on the
     * calling thread (Vert.x's timer not yet holding its scheduled future): nothing here is cancelled.
     */
    private static final class Arrivals implements Handler<Long> {
        private final LoadClient client;
        private final Traffic traffic;
        private final int visitors;
        private final Duration every;
        private final double perSecond;
        private final long start = System.nanoTime();
        private final List<Future<WebSocket>> sockets = new ArrayList<>();
        private final Promise<Void> all = Promise.promise();

        Arrivals(LoadClient client, Traffic traffic, int visitors, Duration every, double perSecond) {
            this.client = client;
            this.traffic = traffic;
            this.visitors = visitors;
            this.every = every;
            this.perSecond = perSecond;
        }

        @Override
        public void handle(Long timer) {
            long due = Math.min(visitors, 1 + (long) ((System.nanoTime() - start) / 1e9 * perSecond));
            while (sockets.size() < due) {
                sockets.add(traffic.visitor(every));
            }
            if (sockets.size() >= visitors) {
                Future.join(sockets).onComplete(done -> all.complete());
            } else {
                client.vertx.setTimer(1, this);
            }
        }
    }

    static Future<Void> sleep(LoadClient client, Duration duration) {
        Promise<Void> done = Promise.promise();
        client.vertx.setTimer(Math.max(1, duration.toMillis()), id -> done.complete());
        return done.future();
    }

    private static long relayed(Traffic traffic) {
        return traffic.counts.get("received.counsellor") + traffic.counts.get("received.visitor");
    }

    /**
     * One scenario's figures; {@code spent} is what the server and Redis spent over {@code measured};
     * {@code errorsMeasured} the errors counted up to the end of the measured phase (before visitors end);
     * {@code messages} the message phase alone (steady only).
     */
    record Result(String scenario, String parameters, Traffic traffic, ServerProbe probe, ServerProbe.Reading spent,
                  Duration measured, long errorsMeasured, Phase messages) {
        long relayed() {
            return Scenarios.relayed(traffic);
        }

        /** Redis commands (counted by Redis, those inside scripts one by one) per relayed message; -1 unknown. */
        double redisCommandsPerMessage() {
            return spent.redisCommands() < 0 || relayed() == 0 ? -1 : spent.redisCommands() / (double) relayed();
        }

        /** The server's Redis round trips (background included) per relayed message; -1 unknown. */
        double redisRoundTripsPerMessage() {
            return spent.redisRoundTrips() < 0 || relayed() == 0 ? -1 : spent.redisRoundTrips() / relayed();
        }
    }

    /** What was spent over a part of a scenario, and the messages relayed in it. */
    record Phase(ServerProbe.Reading spent, long relayed) {
        static final Phase NONE = new Phase(ServerProbe.Reading.NONE, 0);

        /** Redis commands per message relayed in the phase; -1 unknown. */
        double redisCommandsPerMessage() {
            return spent.redisCommands() < 0 || relayed == 0 ? -1 : spent.redisCommands() / (double) relayed;
        }
    }
}
