package org.helpline.load;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar load-tests/target/helpline-load.jar <steady|surge|idle|starts|baseline|all> [options]}, from the
 * project directory (several scenarios separated by commas, e.g. {@code steady,baseline}). With
 * {@code --start-server} it starts its own redis-server and the server jar (a separate process, as in production) with
 * load counsellor accounts, and stops them when it ends or is interrupted; otherwise it drives {@code --url} (whose
 * counsellors must be {@code load.1..N} with the load password; {@code --server-pid} and {@code --redis-url} let it
 * read their CPU). The report goes to {@code --report} (default {@code load-tests/target/load-report.md}). A run that
 * would need more sockets than the open-files limit allows is refused before it starts. With {@code --parts N} (steady
 * only) the run is split between N generator processes, each driving its own node of N sharing one Redis
 * ({@link OtherParts}); each figure given is then per part. A run in which a message was lost or doubled (or another
 * part's run failed) exits with status {@link #FAILED} once its report is written.
 */
public final class LoadMain {
    /** The exit status of a run in which a message was lost or doubled ({@link MessageCheck}). */
    static final int FAILED = 4;
    private static final Logger LOG = LoggerFactory.getLogger(LoadMain.class);
    /** How long the first part waits for the others after its own run (each run is bounded well below this). */
    private static final long OTHER_PARTS_MINUTES = 5;

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            start(args);
        } catch (RefusedRun refused) {
            LOG.error("Run refused: {}", refused.getMessage()); // the reason alone: no stack trace
            System.exit(2);
        }
    }

    private static void start(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Path.of(options.text("work-dir", "load-tests/target"));
        Files.createDirectories(work);
        int visitors = options.number("visitors", 200);
        int capacity = options.number("capacity", 4);
        int counsellors = Math.max(options.number("counsellors", 0), (visitors + capacity - 1) / capacity);
        Part part = new Part(options.number("part", 1), options.number("parts", 1));
        if (part.of() > 1 && !"steady".equals(options.scenario())) {
            throw new RefusedRun("--parts splits the steady scenario only");
        }
        if (options.number("arrivals", Scenarios.ARRIVALS) < 1) {
            throw new RefusedRun("--arrivals is visitors connected a second: at least 1");
        }
        if (options.seconds("every", 5).toMillis() < 1) {
            throw new RefusedRun("--every is seconds between one side's messages: more than 0");
        }
        StartsRamp.Settings ramp = rampSettings(options, capacity);
        long sockets = sockets(options, visitors, counsellors, ramp);
        OptionalLong ownLimit = FileBudget.limit(ProcessHandle.current());
        FileBudget.require(sockets, options.scenario(), "the generator", ownLimit);
        String machine = machine(part); // before anything of the run is started
        // the parts wait for each other when the first one started them (--start-server): it tells them where
        PartsRendezvous rendezvous = options.values().containsKey("rendezvous")
                ? PartsRendezvous.joining(Path.of(options.text("rendezvous", "")), part)
                : part.of() > 1 && options.flag("start-server")
                ? PartsRendezvous.fresh(work.resolve("rendezvous"), part) : PartsRendezvous.alone();
        LocalServer local = null;
        OtherParts others = null;
        boolean passed;
        try {
            Target target;
            if (options.flag("start-server")) {
                // a split run's parts each use the steady scenario's own counsellors, numbered part after part
                local = LocalServer.start(options, work, part.of() > 1 ? (visitors + capacity - 1) / capacity
                        : Math.max(counsellors, ramp.counsellors()), capacity, part.of());
                target = local.target();
                others = part.of() > 1 ? OtherParts.launch(options, local, work, part.of(), rendezvous) : null;
            } else {
                target = new Target(options.text("url", "http://localhost:8080"),
                        Optional.ofNullable(options.values().get("redis-url")),
                        options.whole("server-pid").flatMap(ProcessHandle::of), false);
            }
            target = target.resending(options.flag("resend"));
            OptionalLong serverLimit = target.server().map(FileBudget::limit).orElse(OptionalLong.empty());
            FileBudget.require(sockets, options.scenario(), "the server", serverLimit);
            ramp = new StartsRamp.Settings(ramp.from(), ramp.increment(), ramp.to(), ramp.hold(), ramp.stay(),
                    ramp.p99Limit(), ramp.counsellors(), ramp.handle(), ramp.warmUp(),
                    Math.min(FileBudget.sockets(ownLimit), FileBudget.sockets(serverLimit)));
            try (StallSources stalls = StallSources.watch(target)) {
                passed = run(options, target, work, part, ramp, others, machine, rendezvous, stalls);
            }
        } finally {
            if (others != null) {
                others.close();
            }
            if (local != null) {
                local.close();
            }
        }
        if (!passed) {
            LOG.error("Messages were lost or doubled, or another part failed (see the report): exit status {}",
                    FAILED);
        }
        System.exit(passed ? 0 : FAILED);
    }

    /** Runs the chosen scenarios and writes the report; false if a message was lost or doubled, in any part. */
    private static boolean run(Options options, Target target, Path work, Part part, StartsRamp.Settings ramp,
                               OtherParts others, String machine, PartsRendezvous rendezvous, StallSources stalls)
            throws Exception {
        int visitors = options.number("visitors", 200);
        int capacity = options.number("capacity", 4);
        Report report = new Report(String.join(" ", options.arguments()), machine, stalls);
        Path file = Path.of(options.text("report", work.resolve("load-report.md").toString()));
        boolean passed = true;
        if (options.runs("steady")) {
            Scenarios.Result steady = Scenarios.steady(target, part, rendezvous, visitors, capacity,
                    options.seconds("every", 5), options.seconds("duration", 60),
                    options.number("arrivals", Scenarios.ARRIVALS),
                    options.seconds("warm-up", 0)).await();
            report.add(steady);
            passed = steady.check().passed();
            if (others != null) {
                OtherParts.Outcome outcome = others.await(OTHER_PARTS_MINUTES);
                report.together(steady, outcome);
                report.append(outcome.reports());
                passed &= outcome.passed();
            } else if (part.index() > 1) {
                OtherParts.writeRelayed(file, steady);
            }
            Files.writeString(file, report.toString());
        }
        if (options.runs("surge")) {
            report.add(Scenarios.surge(target, options.number("chats", 1000), options.seconds("within", 60),
                    options.number("surge-counsellors", 20), capacity, options.seconds("handle", 5),
                    options.seconds("surge-duration", 90)).await());
            Files.writeString(file, report.toString());
        }
        if (options.runs("idle")) {
            report.add(Scenarios.idle(target, options.number("idle-visitors", 2000),
                    options.seconds("idle-duration", 30), options.seconds("idle-settle", 5)).await());
            Files.writeString(file, report.toString());
        }
        if (options.runs("starts")) {
            // the report so far with the steps so far, after each step: a run stopped before the ramp's end keeps them
            report.ramp(StartsRamp.run(target, ramp, soFar -> writeSoFar(file, report.withRampSoFar(soFar))).await());
            Files.writeString(file, report.toString());
        }
        if (options.runs("baseline")) {
            try (BareRelay.Running relay = BareRelay.launch(work.resolve("relay.log"),
                    LocalServer.jvmOptions(options))) {
                RelayRun run = Baselines.driveRelay(relay.port(), relay.process().toHandle(),
                        options.number("pairs", visitors), options.seconds("every", 5),
                        options.seconds("baseline-warm-up", 10), options.seconds("baseline-duration", 20)).await();
                double sets = target.redisUrl().isPresent()
                        ? Baselines.redisSetsPerSecond(target.redisUrl().get(), 200_000).await() : -1;
                report.baseline(run, sets);
            }
            Files.writeString(file, report.toString());
        }
        LOG.info("Load report written to {}\n{}", file.toAbsolutePath(), report);
        return passed;
    }

    /** Writes what was measured so far; a failure to is logged, and the run goes on. */
    private static void writeSoFar(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException failed) {
            LOG.warn("could not write the report so far to {}", file, failed);
        }
    }

    private static StartsRamp.Settings rampSettings(Options options, int capacity) {
        return new StartsRamp.Settings(options.number("from", 100), options.number("rate-step", 100),
                options.number("to", 2000), options.seconds("hold", 30), options.seconds("stay", 5),
                options.millis("p99", 100), options.number("surge-counsellors", 20), options.seconds("handle", 5),
                options.seconds("warm-up", 10), Long.MAX_VALUE);
    }

    /** The most sockets the chosen scenario holds open at once in one process (the generator, or the server). */
    private static long sockets(Options options, int visitors, int counsellors, StartsRamp.Settings ramp) {
        long most = 0;
        if (options.runs("steady")) {
            most = Math.max(most, visitors + counsellors);
        }
        if (options.runs("surge")) {
            most = Math.max(most, options.number("chats", 1000) + options.number("surge-counsellors", 20));
        }
        if (options.runs("idle")) {
            most = Math.max(most, options.number("idle-visitors", 2000));
        }
        if (options.runs("starts")) {
            // at least: before any visitor left, how long her socket outlives her end is not known (the ramp checks
            // each step again with what it measured)
            most = Math.max(most, ramp.socketsAt(ramp.from(), Duration.ZERO));
        }
        if (options.runs("baseline")) {
            most = Math.max(most, 2L * options.number("pairs", visitors));
        }
        return most;
    }

    /**
     * The machine, its yardstick (measured by the first part of a run only: the others start amid the run), and
     * whether this generator's heap was touched at start ({@code -Xms} as {@code -Xmx}, {@code -XX:+AlwaysPreTouch}:
     * where first touches are dear, a generator whose heap grows pauses longer, and measures its pauses as the
     * server's latency; docs/performance.md, "A heap touched at start").
     */
    private static String machine(Part part) {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
        String heap = "; the generator's heap " + (heapTouchedAtStart() ? "touched at start" : "not touched at start");
        return part.index() == 1 ? machine + "; " + MachineYardstick.measure().describe() + heap : machine + heap;
    }

    /** Whether this JVM runs with {@code AlwaysPreTouch} (its last word, whatever came before it). */
    private static boolean heapTouchedAtStart() {
        return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("AlwaysPreTouch").getValue());
    }
}
