package org.helpline.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of a run: one section per scenario, latencies, counts, server cost, and the baselines. */
final class Report {
    private static final int TOP_COMMANDS = 15;
    private static final int SLOW_SECONDS = 8;
    private final StringBuilder text = new StringBuilder();
    private final StallSources stalls;

    /** {@code stalls}: watched over the whole run, shown beside each table of slowest seconds. */
    Report(String command, String machine, StallSources stalls) {
        this.stalls = stalls;
        text.append("# Helpline load run\n\n").append("Command: `").append(command).append("`\n\n")
                .append("Machine: ").append(machine).append("\n\n");
    }

    void add(Scenarios.Result result) {
        Traffic traffic = result.traffic();
        text.append("## ").append(result.scenario()).append("\n\n`").append(result.parameters()).append("`\n\n")
                .append("| latency (ms) | count | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
        Relays relays = traffic.relays;
        for (Latency latency : List.of(traffic.startToQueued, traffic.firstPosition, traffic.startToCounsellor,
                traffic.startLateness, relays.visitorToCounsellor, relays.counsellorToVisitor,
                relays.visitorToCounsellorInMessagePhase, relays.counsellorToVisitorInMessagePhase,
                relays.fromActualSendInMessagePhase, relays.sendLatenessInMessagePhase)) {
            if (latency.histogram().getTotalCount() > 0) {
                text.append(latency.row()).append('\n');
            }
        }
        chart(traffic);
        slowSeconds("Message phase", "a relay", relays.messagePhaseSeconds);
        long relayed = result.relayed();
        text.append("\n| figure | value |\n|---|---|\n")
                .append("| chats started | ").append(traffic.chats.size()).append(" |\n")
                .append("| starts never answered (no `started`, no error; `error.start_unanswered`) | ")
                .append(traffic.counts.get("error.start_unanswered")).append(" |\n")
                .append("| messages relayed | ").append(relayed).append(" |\n")
                .append(relayedPerSecond(result))
                .append("| errors while measured (all kinds, lost and doubled included) | ")
                .append(result.errorsMeasured()).append(" |\n")
                .append("| errors in all, the end included (visitors ending, sockets closing) | ")
                .append(traffic.counts.errors()).append(" |\n")
                .append("| server heap max (MB) | ").append(String.format("%.0f", result.probe().maxHeapMegabytes()))
                .append(" |\n")
                .append("| server CPU mean (share of the machine) | ")
                .append(String.format("%.2f", result.probe().meanCpu())).append(" |\n");
        // an idle run reads its costs after every chat started: per second only
        costs(result.spent(), "idle".equals(result.scenario()) ? 0 : traffic.chats.size(), relayed);
        if (result.redisRoundTripsPerMessage() >= 0) {
            text.append("| Redis round trips per relayed message (all server calls, background included) | ")
                    .append(String.format("%.2f", result.redisRoundTripsPerMessage())).append(" |\n");
        }
        if (result.redisCommandsPerMessage() >= 0) {
            text.append("| Redis commands per relayed message, whole phase: chat starts and assignments included"
                    + " (INFO commandstats: calls inside scripts count) | ")
                    .append(String.format("%.2f", result.redisCommandsPerMessage())).append(" |\n");
        }
        messagePhase(result.messages());
        messages(result.check());
        text.append('\n');
        counters("Counters", traffic.counts.snapshot());
        text.append('\n');
    }

    /**
     * Messages relayed per second: in steady, the message phase's messages over its own seconds (every chat assigned
     * to the end of the drain, as its costs); in a scenario with no message phase, all its messages over its
     * duration.
     */
    private static String relayedPerSecond(Scenarios.Result result) {
        double messagePhase = result.messages().relayedPerSecond();
        if (messagePhase >= 0) {
            return String.format(Locale.ROOT, "| relayed per second, message phase (its messages / its seconds, the"
                    + " drain included) | %.1f |%n", messagePhase);
        }
        return String.format(Locale.ROOT, "| relayed per second | %.1f |%n",
                result.relayed() / (double) Math.max(1, result.measured().toSeconds()));
    }

    /** The messages checked one by one, when the scenario's visitors wrote, and the verdict. */
    private void messages(MessageCheck check) {
        if (check.sent() == 0) {
            return;
        }
        text.append("\nMessages, checked one by one by their `clientId` (both sides):\n\n")
                .append("| figure | value |\n|---|---|\n")
                .append(row("sent / acknowledged / delivered to the other side (first deliveries)",
                        check.sent() + " / " + check.acked() + " / " + check.relayed()))
                .append(row("**lost**: acknowledged, never delivered to the other side", check.lost()))
                .append(row("**doubled**: one socket got a seq twice, or one `clientId` came under two seqs (two acks,"
                        + " an ack and a delivery, or two deliveries) or was acknowledged afresh twice",
                        check.doubled()))
                .append(row("unresolved: neither acknowledged, refused nor delivered by the end of the drain",
                        check.unresolved()))
                .append(row("delivered without ack: stored though its sender was told `unavailable` (may or may not be"
                        + " stored) or nothing; not losses", check.deliveredWithoutAck()))
                .append(row("refused with an error, never delivered", check.refusedUndelivered()))
                .append(row("acks in a chat no visitor of this run started (not checked)", check.unknownChat()))
                .append(check.passed() ? "\n**Nothing lost, nothing doubled.**\n"
                        : "\n**FAILED: " + check.lost() + " lost, " + check.doubled() + " doubled** (exit status "
                        + LoadMain.FAILED + ").\n");
    }

    private static String row(String figure, Object value) {
        return "| " + figure + " | " + value + " |\n";
    }

    /** The slowest seconds of {@code what}: whether its tail is a few stalls, and when (to compare with logs). */
    private void slowSeconds(String what, String one, SlowSeconds seconds) {
        if (seconds.seconds() == 0) {
            return;
        }
        text.append(String.format(Locale.ROOT, "%n%s: %d of %d seconds had %s slower than 50 ms; the slowest seconds"
                + " (by the time it began, UTC):%n%n", what, seconds.secondsSlowerThan(50), seconds.seconds(), one))
                .append("| second | count | p50 (ms) | p99 (ms) | max (ms) |").append(StallSources.HEADER)
                .append("\n|---|---|---|---|---|").append(StallSources.RULE).append('\n');
        for (SlowSeconds.Row row : seconds.slowest(SLOW_SECONDS)) {
            text.append(row.cells()).append(stalls.cells(row.epochSecond())).append('\n');
        }
    }

    /**
     * The steady scenario's message phase alone (from every chat assigned to the end of the drain): Redis commands
     * per relayed message, and where they go, command by command.
     */
    private void messagePhase(Scenarios.Phase phase) {
        if (phase.redisCommandsPerMessage() < 0) {
            return;
        }
        text.append(String.format(Locale.ROOT, "| message phase only (every chat assigned, to the end of the drain):"
                        + " messages relayed / seconds | %d / %.1f |%n", phase.relayed(), phase.spent().seconds()))
                .append(String.format(Locale.ROOT, "| **Redis commands per relayed message, message phase only**"
                        + " (commandstats, background included) | **%.2f** |%n", phase.redisCommandsPerMessage()));
        if (phase.spent().serverCpuSeconds() >= 0) {
            text.append(String.format(Locale.ROOT, "| server process CPU per relayed message, message phase (ms) |"
                    + " %.3f |%n", phase.spent().serverCpuSeconds() * 1000 / phase.relayed()));
        }
        text.append("\nRedis commands of the message phase by command (top ").append(TOP_COMMANDS)
                .append("):\n\n| command | calls | per relayed message |\n|---|---|---|\n");
        phase.spent().callsByCommand().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_COMMANDS)
                .forEach(entry -> text.append(String.format(Locale.ROOT, "| %s | %d | %.2f |%n", entry.getKey(),
                        entry.getValue(), entry.getValue() / (double) phase.relayed())));
    }

    /**
     * CPU time of the server process, of Redis and of this generator over the measured phase: per second, per chat
     * start and per relayed message (each of the whole phase's time, so a run that both starts and relays counts its
     * time in both).
     */
    private void costs(ServerProbe.Reading spent, long starts, long relayed) {
        cost("server process CPU", spent.serverCpuSeconds(), spent.seconds(), starts, relayed);
        cost("Redis CPU (INFO cpu, user + sys)", spent.redisCpuSeconds(), spent.seconds(), starts, relayed);
        cost("Redis forked children's CPU, apart (AOF rewrite, RDB save; INFO cpu, user + sys children)",
                spent.redisChildCpuSeconds(), spent.seconds(), starts, relayed);
        if (spent.redisChildRunning()) {
            text.append("| Redis child running at the start or the end of the phase | yes: a child's CPU is counted"
                    + " when Redis reaps it, so one running at the start is counted whole, one running at the end not"
                    + " at all |\n");
        }
        cost("generator process CPU", spent.generatorCpuSeconds(), spent.seconds(), starts, relayed);
        if (spent.redisCommands() >= 0 && spent.seconds() > 0) {
            text.append("| Redis commands per second of the phase (commandstats) | ").append(String.format(Locale.ROOT,
                    "%.0f", spent.redisCommands() / spent.seconds())).append(" |\n");
        }
        if (spent.seconds() > 0) {
            text.append("| measured over (s) | ").append(String.format(Locale.ROOT, "%.1f", spent.seconds()))
                    .append(" |\n");
        }
    }

    private void cost(String what, double cpuSeconds, double seconds, long starts, long relayed) {
        if (cpuSeconds < 0) {
            text.append("| ").append(what).append(" | not measured (process or Redis not reachable) |\n");
            return;
        }
        text.append("| ").append(what).append(" (s) | ").append(String.format(Locale.ROOT, "%.2f", cpuSeconds))
                .append(" |\n| ").append(what).append(" per second of the phase (s/s) | ")
                .append(String.format(Locale.ROOT, "%.3f", cpuSeconds / Math.max(0.001, seconds))).append(" |\n");
        if (starts > 0) {
            text.append("| ").append(what).append(" per chat start (ms) | ")
                    .append(String.format(Locale.ROOT, "%.3f", cpuSeconds * 1000 / starts)).append(" |\n");
        }
        if (relayed > 0) {
            text.append("| ").append(what).append(" per relayed message (ms) | ")
                    .append(String.format(Locale.ROOT, "%.3f", cpuSeconds * 1000 / relayed)).append(" |\n");
        }
    }

    /** A Mermaid bar chart of the relay percentiles (GitHub and most Markdown viewers draw it). */
    private void chart(Traffic traffic) {
        Latency relay = traffic.relays.visitorToCounsellor;
        if (relay.histogram().getTotalCount() == 0) {
            return;
        }
        text.append("\n```mermaid\nxychart-beta\n    title \"Relay latency, visitor to counsellor (ms)\"\n")
                .append("    x-axis [p50, p90, p99, p99.9]\n    y-axis \"ms\"\n    bar [");
        double[] percentiles = {50, 90, 99, 99.9};
        for (int i = 0; i < percentiles.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Latency.millis(relay.percentileMillis(percentiles[i])));
        }
        text.append("]\n```\n");
    }

    /** The bare relay's run ({@link RelayRun}) and raw Redis's pipelined SETs a second (none when not positive). */
    void baseline(RelayRun relay, double redisSets) {
        text.append("## Baselines (same machine, same run)\n\n")
                .append("| latency (ms) | count | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n")
                .append(relay.latency().row()).append("\n\n").append(relay.describe());
        if (redisSets > 0) {
            text.append("Raw Redis: ").append(String.format("%.0f", redisSets))
                    .append(" pipelined SETs per second (Lettuce, one connection).\n\n");
        }
    }

    /** The ramp of arrival rates: one line per step, a chart of latency against the rate, and the cost per start. */
    void ramp(StartsRamp.Outcome ramp) {
        StartsRamp.Settings settings = ramp.settings();
        text.append("## starts\n\n`from=").append(settings.from()).append("/s step=").append(settings.increment())
                .append("/s to=").append(settings.to()).append("/s hold=").append(settings.hold().toSeconds())
                .append("s stay=").append(settings.stay().toMillis()).append("ms p99 limit=")
                .append(settings.p99Limit().toMillis()).append("ms counsellors=").append(settings.counsellors())
                .append(" warm-up=").append(settings.warmUp().toSeconds()).append("s")
                .append("`\n\n**Highest rate held for ").append(settings.hold().toSeconds()).append(" s: ")
                .append(ramp.highestHeld()).append(" chat starts per second.** Stopped: ").append(ramp.stoppedBecause())
                .append(".\n\n| rate (/s) | starts asked / started / unanswered when judged |"
                        + " start to started p50 / p99 / max (ms) | of which socket open p50 / p99 / max (ms) |"
                        + " first position p50 / p99 (ms) | generator late, max (ms) | errors when judged / after |"
                        + " held |\n|---|---|---|---|---|---|---|---|\n");
        for (StartsRamp.Step step : ramp.steps()) {
            text.append(String.format(Locale.ROOT, "| %d | %d / %d / %d | %s / %s / %s | %s / %s / %s | %s / %s | %s"
                    + " | %d / %d | %s |%n", step.rate(), step.asked(), step.started(), step.unanswered(),
                    Latency.millis(step.toStarted().percentileMillis(50)),
                    Latency.millis(step.toStarted().percentileMillis(99)), Latency.millis(step.toStarted().maxMillis()),
                    Latency.millis(step.toOpen().percentileMillis(50)),
                    Latency.millis(step.toOpen().percentileMillis(99)),
                    Latency.millis(step.toOpen().maxMillis()), Latency.millis(step.toPosition().percentileMillis(50)),
                    Latency.millis(step.toPosition().percentileMillis(99)),
                    Latency.millis(step.arrivalLateness().maxMillis()), step.errors(), step.lateErrors(),
                    step.held() ? "yes" : "no"));
        }
        long late = ramp.steps().stream().mapToLong(StartsRamp.Step::lateErrors).sum();
        if (late > 0) {
            text.append("\n**").append(late).append(" errors came after their step was judged** (its visitors ending"
                    + " and leaving, or late answers): not in the held verdicts above. Those steps' counters:\n\n");
            ramp.steps().stream().filter(step -> step.lateErrors() > 0)
                    .forEach(step -> counters("rate " + step.rate() + "/s", step.counts().snapshot()));
        }
        if (!ramp.steps().isEmpty()) {
            text.append("\n```mermaid\nxychart-beta\n    title \"Start to started (ms) against arrival rate\"\n")
                    .append("    x-axis \"chat starts per second\" [")
                    .append(String.join(", ", ramp.steps().stream().map(step -> Integer.toString(step.rate()))
                            .toList()))
                    .append("]\n    y-axis \"ms\"\n    line [").append(percentiles(ramp, 99)).append("]\n    line [")
                    .append(percentiles(ramp, 50)).append("]\n```\n\n(upper line p99, lower line p50)\n");
        }
        if (!ramp.steps().isEmpty()) {
            StartsRamp.Step last = ramp.steps().get(ramp.steps().size() - 1);
            last.toStarted().bySecond().ifPresent(seconds -> slowSeconds("The last step (" + last.rate() + "/s)",
                    "a start", seconds));
        }
        text.append("\n| figure | value |\n|---|---|\n| chats started | ").append(ramp.starts()).append(" |\n")
                .append(row("chat ends asked in the same window, by visitors / by counsellors (in the CPU per start:"
                        + " it divides all the window's CPU by the starts)", ramp.ends().byVisitors() + " / "
                        + ramp.ends().byCounsellors()));
        if (ramp.spent().seconds() < 0) {
            text.append("| costs | read at the end of the ramp only |\n");
        } else {
            costs(ramp.spent(), ramp.starts(), 0);
        }
        text.append('\n');
        counters("The consoles' counters", ramp.consoles());
        text.append('\n');
    }

    /**
     * The report so far with a ramp's section as measured so far ({@link StartsRamp#RUNNING}), this report left as it
     * was: written after each step, so that a run stopped before the ramp's end keeps its steps.
     */
    String withRampSoFar(StartsRamp.Outcome soFar) {
        int before = text.length();
        ramp(soFar);
        String written = text.toString();
        text.setLength(before);
        return written;
    }

    private void counters(String whose, Map<String, Long> counters) {
        text.append(whose).append(": ");
        counters.forEach((name, value) -> text.append('`').append(name).append('=').append(value).append("` "));
        text.append('\n');
    }

    private static String percentiles(StartsRamp.Outcome ramp, double percentile) {
        return String.join(", ", ramp.steps().stream().map(step -> Latency.millis(
                step.toStarted().percentileMillis(percentile))).toList());
    }

    /**
     * A split run: Redis is shared by the parts, so its commands and CPU read by the first part are those of all of
     * them; divided here by the messages all parts relayed (over the first part's windows, which the others' match
     * within their start-up).
     */
    void together(Scenarios.Result first, OtherParts.Outcome others) {
        long relayed = first.relayed() + others.relayed();
        long messagePhase = first.messages().relayed() + others.messagePhaseRelayed();
        ServerProbe.Reading whole = first.spent();
        ServerProbe.Reading messages = first.messages().spent();
        text.append("## All parts together (one Redis)\n\nThe Redis figures of each part's section below divide the"
                        + " commands of all parts by that part's messages; these divide them by all parts' messages."
                        + "\n\n| figure | value |\n|---|---|\n")
                .append(String.format(Locale.ROOT, "| messages relayed, all parts: whole phase / message phase |"
                        + " %d / %d |%n", relayed, messagePhase));
        if (whole.redisCommands() >= 0 && relayed > 0 && messagePhase > 0) {
            text.append(String.format(Locale.ROOT, "| Redis commands per relayed message, whole phase (chat starts"
                            + " included) | %.2f |%n", whole.redisCommands() / (double) relayed))
                    .append(String.format(Locale.ROOT, "| **Redis commands per relayed message, message phase"
                            + " only** | **%.2f** |%n", messages.redisCommands() / (double) messagePhase))
                    .append(String.format(Locale.ROOT, "| Redis CPU per relayed message, message phase (ms) | %.3f"
                            + " |%n", messages.redisCpuSeconds() * 1000 / messagePhase))
                    .append(String.format(Locale.ROOT, "| Redis forked children's CPU per relayed message, message"
                            + " phase (ms; apart) | %.3f |%n", messages.redisChildCpuSeconds() * 1000 / messagePhase));
        }
        text.append('\n');
    }

    /** Text written elsewhere (another part's report), as it is. */
    void append(String more) {
        text.append(more);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
