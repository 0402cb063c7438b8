package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three scenarios. Each connects its counsellors, then its visitors at a bounded pace, runs for its duration,
 * stops sending, drains, and reports. Nothing loops forever: every phase has a time limit.
 */
final class Scenarios {
    private static final Logger LOG = LoggerFactory.getLogger(Scenarios.class);
    static final Duration DRAIN = Duration.ofSeconds(3);
    /** How long after the drain a message acknowledged and not yet delivered is waited for before it counts lost. */
    static final Duration LATE = Duration.ofSeconds(30);
    /** How long the steady scenario waits for every chat to be assigned before its message phase starts anyway. */
    static final Duration ASSIGNED_WITHIN = Duration.ofSeconds(60);
    /** How many visitors a second the steady scenario connects, unless told ({@code --arrivals}). */
    static final int ARRIVALS = 500;
    /** The most counsellors of a part that take the warm-up's chats (each logs in once more for the measured run). */
    private static final int WARM_UP_COUNSELLORS = 250;
    /** How long a warm-up chat lasts: its counsellor ends it this long after it was assigned. */
    private static final Duration WARM_UP_HANDLE = Duration.ofSeconds(5);
    /** How often a warm-up visitor writes once answered. */
    private static final Duration WARM_UP_EVERY = Duration.ofSeconds(1);
    /**
     * How long, after the last warm-up visitor connected, the measured run waits at most for every one of them to have
     * left (her socket closed once told {@code ended}).
     */
    private static final Duration WARM_UP_LEFT_WITHIN = Duration.ofSeconds(60);

    private Scenarios() {
    }

    /**
     * N chats, counsellors with capacity, both sides writing every {@code every}, as one {@link Part} of a run that may
     * be split between generator processes; the visitors connect at {@code arrivals} a second, after {@code warmUp} of
     * chats that are not measured ({@link #warmUp}). Costs are read over the whole phase (the chat starts and
     * assignments included) and over its message phase alone: from the moment every chat is assigned (or
     * {@link #ASSIGNED_WITHIN} after the last visitor connected), in a split run every part's, to the end of the drain.
     */
    static Future<Result> steady(Target target, Part part, PartsRendezvous rendezvous, int visitors, int capacity,
                                 Duration every, Duration duration, int arrivals, Duration warmUp) {
        int counsellors = (visitors + capacity - 1) / capacity;
        Future<Void> warm = warmUp.isZero() ? Future.succeededFuture()
                : warmUp(target, part.triage(), part.firstCounsellor(counsellors),
                        Math.min(counsellors, WARM_UP_COUNSELLORS), capacity, arrivals, warmUp);
        return warm.compose(warmed -> measured(target, part, rendezvous, visitors, capacity, every, duration,
                arrivals, (warmUp.isZero() ? "" : " warm-up=" + warmUp.toSeconds() + "s") + part.describe()));
    }

    /** The steady scenario's measured run, after any warm-up; {@code described} ends its parameters. */
    private static Future<Result> measured(Target target, Part part, PartsRendezvous rendezvous, int visitors,
                                           int capacity, Duration every, Duration duration, int arrivals,
                                           String described) {
        int counsellors = (visitors + capacity - 1) / capacity;
        LoadClient client = new LoadClient(target);
        Traffic traffic = new Traffic(client, part.triage());
        ServerProbe probe = new ServerProbe(client, target);
        ServerProbe.Reading[] before = {ServerProbe.Reading.NONE, ServerProbe.Reading.NONE};
        long[] relayedAt = new long[2]; // before and after the message phase, read with its costs
        long[] errorsMeasured = new long[1];
        return connectCounsellors(traffic, part.firstCounsellor(counsellors), counsellors, every, false)
                .compose(ready -> rendezvous.all(client.vertx, PartsRendezvous.Step.READY))
                .compose(ready -> probe.read()).map(reading -> before[0] = reading)
                .compose(ready -> {
                    probe.start();
                    return connectVisitors(client, visitors,
                            due -> traffic.visitor(Optional.of(every), Optional.empty(), due), arrivals);
                })
                .compose(connected -> traffic.assigned(visitors, ASSIGNED_WITHIN))
                .compose(assigned -> rendezvous.all(client.vertx, PartsRendezvous.Step.ASSIGNED))
                .compose(assigned -> {
                    traffic.relays.messagePhaseStarts();
                    relayedAt[0] = relayed(traffic);
                    return probe.read();
                }).map(reading -> before[1] = reading)
                .compose(assigned -> sleep(client, duration))
                .compose(ran -> {
                    traffic.stopSending();
                    return Drain.messages(client.vertx, traffic, DRAIN, LATE);
                })
                .compose(drained -> {
                    relayedAt[1] = relayed(traffic);
                    return probe.read();
                })
                .compose(after -> {
                    traffic.countUnansweredStarts();
                    errorsMeasured[0] = traffic.counts.errors();
                    return traffic.endAll().compose(ended -> sleep(client, DRAIN)).map(after);
                })
                .map(after -> {
                    probe.stop();
                    return new Result("steady", "visitors=" + visitors + " counsellors=" + counsellors
                            + " capacity=" + capacity + " every=" + every.toMillis() + "ms duration="
                            + duration.toSeconds() + "s" + described, traffic, probe, after.since(before[0]),
                            duration, errorsMeasured[0],
                            new Phase(after.since(before[1]), relayedAt[1] - relayedAt[0]));
                })
                .eventually(client::close);
    }

    /**
     * Chats that open, exchange messages and end for {@code duration}, on a client of their own and counted nowhere,
     * so that the server's and this generator's JIT compilers have compiled a chat's paths before the measured chats
     * open, as in a server that has been running (a cold JVM spends about a core of the machine compiling while a
     * run's first thousands of chats open: docs/performance.md). {@code counsellors} counsellors from {@code first}
     * take them and end each after {@link #WARM_UP_HANDLE}; visitors arrive at {@code arrivals} a second, or at four
     * fifths of what the counsellors can take if that is fewer, write every {@link #WARM_UP_EVERY} once answered, and
     * leave a little after their counsellor ended the chat (or without waiting longer, if none answered): each sends
     * {@code end} and closes her socket once told {@code ended}, or {@link Traffic#LEAVE_WAIT} after. It completes once
     * every visitor's socket has closed, or {@link #WARM_UP_LEFT_WITHIN} after the last one connected, saying so in the
     * log (a visitor whose start was refused never ends a chat and keeps her socket open): then every socket is
     * closed, and no warm-up chat is open unless its visitor had not left by then. They answer the part's
     * {@code triage}, so that in a split run they go to this part's counsellors: without it, another part's measured
     * consoles, already logged in, were offered them.
     */
    private static Future<Void> warmUp(Target target, JsonObject triage, int first, int counsellors, int capacity,
                                       int arrivals, Duration duration) {
        LoadClient client = new LoadClient(target);
        Traffic traffic = new Traffic(client, triage);
        Duration stay = WARM_UP_HANDLE.plus(DRAIN);
        long perSecond = Math.max(1, Math.min(arrivals,
                counsellors * capacity * 4L / 5 / WARM_UP_HANDLE.toSeconds()));
        int visitors = (int) (perSecond * duration.toSeconds());
        Queue<WebSocket> sockets = new ConcurrentLinkedQueue<>();
        return connectCounsellors(traffic, first, counsellors, WARM_UP_HANDLE, true)
                .compose(ready -> connectVisitors(client, visitors,
                        due -> traffic.visitor(Optional.of(WARM_UP_EVERY), Optional.of(stay), due)
                                .onSuccess(sockets::add), perSecond))
                .compose(connected -> client.until(() -> sockets.stream().allMatch(WebSocket::isClosed),
                        WARM_UP_LEFT_WITHIN))
                .<Void>map(left -> {
                    if (!left) {
                        LOG.warn("{} warm-up visitors had not left {} s after the last one connected; their sockets"
                                + " close now", sockets.stream().filter(socket -> !socket.isClosed()).count(),
                                WARM_UP_LEFT_WITHIN.toSeconds());
                    }
                    return null;
                })
                .onComplete(warm -> traffic.stopSending())
                .eventually(client::close);
    }

    /** M chats arriving within S seconds while few counsellors are busy; they end each chat after a handle time. */
    static Future<Result> surge(Target target, int chats, Duration within, int counsellors, int capacity,
                                Duration handle, Duration duration) {
        LoadClient client = new LoadClient(target);
        Traffic traffic = new Traffic(client);
        ServerProbe probe = new ServerProbe(client, target);
        double perSecond = chats / Math.max(0.001, within.toNanos() / 1e9);
        ServerProbe.Reading[] before = {ServerProbe.Reading.NONE};
        long[] errorsMeasured = new long[1];
        return connectCounsellors(traffic, 1, counsellors, handle, true)
                .compose(ready -> probe.read()).map(reading -> before[0] = reading)
                .compose(ready -> {
                    probe.start();
                    return connectVisitors(client, chats,
                            due -> traffic.visitor(Optional.empty(), Optional.empty(), due), perSecond);
                })
                .compose(connected -> sleep(client, duration))
                .compose(ran -> probe.read())
                .compose(after -> {
                    traffic.countUnansweredStarts();
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
        LoadClient client = new LoadClient(target);
        Traffic traffic = new Traffic(client);
        ServerProbe probe = new ServerProbe(client, target);
        probe.start();
        ServerProbe.Reading[] before = {ServerProbe.Reading.NONE};
        long[] errorsMeasured = new long[1];
        Duration held = duration.minus(settle).isNegative() ? duration : duration.minus(settle);
        return connectVisitors(client, visitors, due -> traffic.visitor(Optional.empty(), Optional.empty(), due), 1000)
                .compose(connected -> sleep(client, duration.minus(held)))
                .compose(settled -> probe.read()).map(reading -> before[0] = reading)
                .compose(ready -> sleep(client, held))
                .compose(ran -> probe.read())
                .compose(after -> {
                    traffic.countUnansweredStarts();
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

    /** Connects {@code visitors} visitors at {@code perSecond} a second ({@link Arrivals}), until all connected. */
    private static Future<Void> connectVisitors(LoadClient client, int visitors,
                                                LongFunction<Future<WebSocket>> visitor, double perSecond) {
        return Arrivals.start(client, visitors, visitor, perSecond).connected();
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
     * {@code errorsMeasured} the errors counted up to the end of the measured phase (before visitors end: the starts
     * unanswered by then included);
     * {@code messages} the message phase alone (steady only).
     */
    record Result(String scenario, String parameters, Traffic traffic, ServerProbe probe, ServerProbe.Reading spent,
                  Duration measured, long errorsMeasured, Phase messages) {
        long relayed() {
            return Scenarios.relayed(traffic);
        }

        /** Its messages, checked one by one (none in a scenario whose visitors do not write: passed). */
        MessageCheck check() {
            return MessageCheck.of(traffic.counts);
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

    /**
     * What was spent over a part of a scenario, and the messages relayed in it: delivered between the same two
     * readings.
     */
    record Phase(ServerProbe.Reading spent, long relayed) {
        static final Phase NONE = new Phase(ServerProbe.Reading.NONE, 0);

        /** Messages relayed per second of the phase; -1 for no phase. */
        double relayedPerSecond() {
            return spent.seconds() > 0 ? relayed / spent.seconds() : -1;
        }

        /** Redis commands per message relayed in the phase; -1 unknown. */
        double redisCommandsPerMessage() {
            return spent.redisCommands() < 0 || relayed == 0 ? -1 : spent.redisCommands() / (double) relayed;
        }
    }
}
