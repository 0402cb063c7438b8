package org.helpline.load;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code starts} scenario: chats arrive at a fixed rate for {@code hold}, then at a higher rate, and so on, until a
 * step breaks (an error, a start still unanswered when the step is judged among them, or start to {@code started} p99
 * above the limit), the top rate is reached, or the next step would need more sockets than the open-files budget
 * allows. Each visitor ends their chat and leaves {@code stay} after it started, so the sockets open at once stay near
 * {@code rate x} their lifetime ({@link Settings#socketLifetime}); counsellors take chats and end each after a handle
 * time, as in the surge. The answer is the highest rate held for a whole step. Each step's errors are read again once
 * the ramp is over and its visitors have left: those that came after it was judged are reported beside it. After each
 * step, what was measured so far is handed on, so that a run stopped before the ramp's end keeps its steps.
 */
final class StartsRamp {
    /** How long a step waits for its last arrivals' {@code started} before it is judged. */
    static final Duration GRACE = Duration.ofSeconds(3);
    /** Why the ramp stopped, in an outcome handed on while it goes on. */
    static final String RUNNING = "not yet (this report was written after the last step below while the ramp went on:"
            + " a run that ends with it was stopped before the ramp's end, out of open files or interrupted)";

    private StartsRamp() {
    }

    /** {@code warmUp}: arrivals at the first rate, not judged nor counted, so that the server's JIT is warm. */
    record Settings(int from, int increment, int to, Duration hold, Duration stay, Duration p99Limit, int counsellors,
                    Duration handle, Duration warmUp, long socketBudget) {
        /**
         * How long a visitor's socket is open: up to {@link #GRACE} for her start (a start unanswered longer breaks
         * its step), her stay, then {@code leaving}, from her {@code end} to her socket closed.
         */
        Duration socketLifetime(Duration leaving) {
            return GRACE.plus(stay).plus(leaving);
        }

        /** Sockets open at once at this rate: the visitors', {@code rate x} their lifetime, and the consoles. */
        long socketsAt(int rate, Duration leaving) {
            return (long) Math.ceil(rate * (socketLifetime(leaving).toNanos() / 1e9)) + counsellors;
        }
    }

    /**
     * One step: asked rate, starts asked, started and unanswered when judged, latencies, each from when the start was
     * due (to {@code started}, the part of it until the socket was open, to the first position), how late the
     * generator sent its starts after they were due (its event loop busy: that delay is in the latencies, and is the
     * generator's, not the server's) and errors when judged (the unanswered starts among them); held when none of the
     * limits broke. {@code leaving}: its visitors' end to socket closed, for the open-files budget of the next steps.
     * {@code lateErrors}: its errors that came after it was judged, read at the end of the ramp.
     */
    record Step(int rate, long asked, long started, long unanswered, Latency toStarted, Latency toOpen,
                Latency toPosition, Latency arrivalLateness, Latency leaving, long errors, boolean held, Counts counts,
                long lateErrors) {
        /** This step with its errors read again now. */
        Step readAgain() {
            return new Step(rate, asked, started, unanswered, toStarted, toOpen, toPosition, arrivalLateness, leaving,
                    errors, held, counts, counts.errors() - errors);
        }
    }

    /**
     * Every step, the highest rate held (0 when none), why the ramp stopped ({@link #RUNNING} while it goes on), what
     * the whole ramp spent ({@link ServerProbe.Reading#NONE} while it goes on), the starts and the chat ends asked in
     * that window (so far, while it goes on), and the counters of its consoles.
     */
    record Outcome(Settings settings, List<Step> steps, int highestHeld, String stoppedBecause,
                   ServerProbe.Reading spent, long starts, Ends ends, Map<String, Long> consoles) {
    }

    /**
     * Chat ends asked: by visitors leaving (the {@code end} of a chat a counsellor ended first among them, answered
     * {@code ended} again) and by counsellors after their handle time.
     */
    record Ends(long byVisitors, long byCounsellors) {
        Ends since(Ends before) {
            return new Ends(byVisitors - before.byVisitors, byCounsellors - before.byCounsellors);
        }
    }

    /**
     * How long a leaving visitor's socket stays open after her {@code end}: the highest p99 measured so far (the
     * warm-up's and the steps'), or {@link Traffic#LEAVE_WAIT}, the longest, when none was.
     */
    static Duration leaving(List<Latency> measured) {
        return measured.stream().map(Latency::histogram).filter(histogram -> histogram.getTotalCount() > 0)
                .map(histogram -> Duration.ofNanos(histogram.getValueAtPercentile(99)))
                .max(Comparator.naturalOrder()).orElse(Traffic.LEAVE_WAIT);
    }

    /** Runs the ramp; {@code soFar} is handed what was measured after each step. */
    static Future<Outcome> run(Target target, Settings settings, Consumer<Outcome> soFar) {
        LoadClient client = new LoadClient(target);
        Traffic consoles = new Traffic(client);
        ServerProbe probe = new ServerProbe(client, target);
        List<Future<?>> logins = new ArrayList<>();
        for (int i = 1; i <= settings.counsellors(); i++) {
            logins.add(consoles.counsellor(LoadAccounts.id(i), LoadAccounts.PASSWORD, settings.handle(), true));
        }
        Climb climb = new Climb(client, settings, consoles, soFar);
        return Future.join(logins)
                .compose(ready -> settings.warmUp().isZero() ? Future.succeededFuture()
                        : step(client, settings, settings.from(), settings.warmUp()).compose(warm -> {
                            climb.leavingTimes.add(warm.leaving());
                            climb.visitors.add(warm.counts()); // its last ends may fall in the window
                            return Scenarios.sleep(client, settings.stay());
                        }))
                .compose(warm -> {
                    climb.endsBefore = climb.ends();
                    return probe.read();
                })
                .compose(before -> climb.from(settings.from()).compose(stopped -> {
                    climb.endsAfter = Optional.of(climb.ends());
                    return probe.read()
                            // the last step's visitors leave: its errors after judgement are read with them
                            .compose(after -> Scenarios.sleep(client, settings.stay().plus(GRACE)).map(after))
                            .map(after -> {
                                consoles.stopSending();
                                return climb.outcome(stopped, after.since(before));
                            });
                }))
                .eventually(client::close);
    }

    /**
     * A ramp under way: its steps so far, how long its visitors' sockets stayed open after they left, and the chat
     * ends asked when its costs were read, before the first step and after the last.
     */
    private static final class Climb {
        private final LoadClient client;
        private final Settings settings;
        private final Traffic consoles;
        private final Consumer<Outcome> soFar;
        private final List<Step> steps = new ArrayList<>();
        private final List<Latency> leavingTimes = new ArrayList<>();
        /** The counters of every visitor of the ramp: the warm-up's, then each step's. */
        private final List<Counts> visitors = new ArrayList<>();
        private Ends endsBefore = new Ends(0, 0);
        private Optional<Ends> endsAfter = Optional.empty();

        Climb(LoadClient client, Settings settings, Traffic consoles, Consumer<Outcome> soFar) {
            this.client = client;
            this.settings = settings;
            this.consoles = consoles;
            this.soFar = soFar;
        }

        /** The steps from {@code rate} up; why the ramp stopped. */
        Future<String> from(int rate) {
            if (rate > settings.to()) {
                return Future.succeededFuture("the top rate (--to " + settings.to() + ") was held");
            }
            Duration leavingNow = leaving(leavingTimes);
            long sockets = settings.socketsAt(rate, leavingNow);
            if (sockets > settings.socketBudget()) {
                return Future.succeededFuture(String.format(Locale.ROOT, "%d starts/s would hold about %,d sockets"
                        + " (each visitor's open about %.1f s: up to %d s for her start, --stay %.1f s, %.1f s from"
                        + " her end to its close, %s), above the open-files budget of %,d", rate, sockets,
                        settings.socketLifetime(leavingNow).toMillis() / 1000.0, GRACE.toSeconds(),
                        settings.stay().toMillis() / 1000.0, leavingNow.toMillis() / 1000.0,
                        leavingTimes.stream().anyMatch(one -> one.histogram().getTotalCount() > 0)
                                ? "the highest p99 measured so far" : "the longest wait: none measured yet",
                        settings.socketBudget()));
            }
            return step(client, settings, rate, settings.hold()).compose(step -> {
                steps.add(step);
                leavingTimes.add(step.leaving());
                visitors.add(step.counts());
                soFar.accept(outcome(RUNNING, ServerProbe.Reading.NONE));
                if (!step.held()) {
                    return Future.succeededFuture(rate + " starts/s broke: " + step.errors() + " errors ("
                            + step.unanswered() + " starts unanswered), p99 " + Latency.millis(step.toStarted()
                            .percentileMillis(99)) + " ms, " + step.started() + " of " + step.asked() + " started");
                }
                return from(rate + settings.increment());
            });
        }

        /** The chat ends asked so far, by the ramp's visitors and consoles. */
        Ends ends() {
            return new Ends(visitors.stream().mapToLong(counts -> counts.get("ended.by.visitor")).sum(),
                    consoles.counts.get("ended.by.counsellor"));
        }

        /** What was measured so far, each step's errors read again now. */
        Outcome outcome(String stopped, ServerProbe.Reading spent) {
            int highest = steps.stream().filter(Step::held).mapToInt(Step::rate).max().orElse(0);
            long starts = steps.stream().mapToLong(Step::started).sum();
            return new Outcome(settings, steps.stream().map(Step::readAgain).toList(), highest, stopped, spent,
                    starts, endsAfter.orElseGet(this::ends).since(endsBefore), consoles.counts.snapshot());
        }
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
                    traffic.firstPosition, traffic.startLateness, traffic.endToClosed, errors, held, traffic.counts,
                    0);
        });
    }
}
