package org.helpline.load;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code starts} scenario: chats arrive at a fixed rate for {@code hold}, then at a higher rate, and so on, until a
 * step breaks (an error, a start still unanswered when the step is judged among them, or start to {@code started} p99
 * above the limit), the top rate is reached, or the next step would need more sockets than the open-files budget
 * allows. Each visitor ends their chat and leaves {@code stay} after it started, so the sockets open at once stay near
 * {@code rate x stay}; counsellors take chats and end each after a handle time, as in the surge. The answer is the
 * highest rate held for a whole step. Each step's errors are read again once the ramp is over and its visitors have
 * left: those that came after it was judged are reported beside it.
 */
final class StartsRamp {
    /** How long a step waits for its last arrivals' {@code started} before it is judged. */
    static final Duration GRACE = Duration.ofSeconds(3);

    private StartsRamp() {
    }

    /** {@code warmUp}: arrivals at the first rate, not judged nor counted, so that the server's JIT is warm. */
    record Settings(int from, int increment, int to, Duration hold, Duration stay, Duration p99Limit, int counsellors,
                    Duration handle, Duration warmUp, long socketBudget) {
        /** Sockets open at once at this rate: the visitors still staying, and the consoles. */
        long socketsAt(int rate) {
            return (long) Math.ceil(rate * (stay.toMillis() + GRACE.toMillis()) / 1000.0) + counsellors;
        }
    }

    /**
     * One step: asked rate, starts asked, started and unanswered when judged, latencies, each from when the start was
     * due (to {@code started}, the part of it until the socket was open, to the first position), how late the
     * generator sent its starts after they were due (its event loop busy: that delay is in the latencies, and is the
     * generator's, not the server's) and errors when judged (the unanswered starts among them); held when none of the
     * limits broke. {@code lateErrors}: its errors that came after it was judged, read at the end of the ramp.
     */
    record Step(int rate, long asked, long started, long unanswered, Latency toStarted, Latency toOpen,
                Latency toPosition, Latency arrivalLateness, long errors, boolean held, Counts counts,
                long lateErrors) {
        /** This step with its errors read again now. */
        Step readAgain() {
            return new Step(rate, asked, started, unanswered, toStarted, toOpen, toPosition, arrivalLateness, errors,
                    held, counts, counts.errors() - errors);
        }
    }

    /**
     * Every step, the highest rate held (0 when none), why the ramp stopped, what the whole ramp spent, and the
     * counters of its consoles.
     */
    record Outcome(Settings settings, List<Step> steps, int highestHeld, String stoppedBecause,
                   ServerProbe.Reading spent, long starts, Map<String, Long> consoles) {
    }

    static Future<Outcome> run(Target target, Settings settings) {
        LoadClient client = new LoadClient(target);
        Traffic consoles = new Traffic(client);
        ServerProbe probe = new ServerProbe(client, target);
        List<Future<?>> logins = new ArrayList<>();
        for (int i = 1; i <= settings.counsellors(); i++) {
            logins.add(consoles.counsellor(LoadAccounts.id(i), LoadAccounts.PASSWORD, settings.handle(), true));
        }
        List<Step> steps = new ArrayList<>();
        return Future.join(logins)
                .compose(ready -> settings.warmUp().isZero() ? Future.succeededFuture()
                        : step(client, settings, settings.from(), settings.warmUp())
                                .compose(warm -> Scenarios.sleep(client, settings.stay())))
                .compose(warm -> probe.read())
                .compose(before -> climb(client, settings, settings.from(), steps)
                        .compose(stopped -> probe.read()
                                // the last step's visitors leave: its errors after judgement are read with them
                                .compose(after -> Scenarios.sleep(client, settings.stay().plus(GRACE)).map(after))
                                .map(after -> {
                                    consoles.stopSending();
                                    int highest = steps.stream().filter(Step::held).mapToInt(Step::rate).max()
                                            .orElse(0);
                                    long starts = steps.stream().mapToLong(Step::started).sum();
                                    return new Outcome(settings, steps.stream().map(Step::readAgain).toList(),
                                            highest, stopped, after.since(before), starts,
                                            consoles.counts.snapshot());
                                })))
                .eventually(client::close);
    }

    private static Future<String> climb(LoadClient client, Settings settings, int rate, List<Step> steps) {
        if (rate > settings.to()) {
            return Future.succeededFuture("the top rate (--to " + settings.to() + ") was held");
        }
        if (settings.socketsAt(rate) > settings.socketBudget()) {
            return Future.succeededFuture(rate + " starts/s would hold about " + settings.socketsAt(rate)
                    + " sockets, above the open-files budget of " + settings.socketBudget());
        }
        return step(client, settings, rate, settings.hold()).compose(step -> {
            steps.add(step);
            if (!step.held()) {
                return Future.succeededFuture(rate + " starts/s broke: " + step.errors() + " errors ("
                        + step.unanswered() + " starts unanswered), p99 " + Latency.millis(step.toStarted()
                        .percentileMillis(99)) + " ms, " + step.started() + " of " + step.asked() + " started");
            }
            return climb(client, settings, rate + settings.increment(), steps);
        });
    }

    /** Arrivals at {@code rate} for the step's time ({@link Arrivals}: paced against the clock, no drift). */
    private static Future<Step> step(LoadClient client, Settings settings, int rate, Duration hold) {
        Traffic traffic = new Traffic(client);
        long total = rate * hold.toSeconds();
        Arrivals arrivals = Arrivals.start(client, total,
                due -> traffic.visitor(Optional.empty(), Optional.of(settings.stay()), due), rate);
        return arrivals.launched().compose(done -> Scenarios.sleep(client, GRACE)).map(waited -> {
            long started = traffic.chats.size();
            long unanswered = traffic.countUnansweredStarts(); // an error: a start beyond any limit
            long errors = traffic.counts.errors();
            boolean held = errors == 0 && traffic.startToQueued.percentileMillis(99) <= settings.p99Limit().toMillis();
            return new Step(rate, total, started, unanswered, traffic.startToQueued, traffic.startToOpen,
                    traffic.firstPosition, traffic.startLateness, errors, held, traffic.counts, 0);
        });
    }
}
