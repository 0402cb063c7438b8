package org.helpline.load;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The generator processes of parts 2..N of a split run ({@code --parts N}): each this same jar in its own JVM,
 * driving its own node ({@link LocalServer#target(int)}) with the same options, writing its own report, which the
 * first part appends to its own. Destroyed when the run ends, fails or is interrupted.
 */
final class OtherParts implements AutoCloseable {
    /** Options the first part keeps to itself: each other part is given its node, its part and its files. */
    private static final Set<String> OWN = Set.of("start-server", "url", "redis-url", "server-pid", "part", "report",
            "work-dir", "server-jar", "server-heap", "server-java-options", "config", "rendezvous");
    private final List<Process> generators = new ArrayList<>();
    private final List<Path> reports = new ArrayList<>();
    private final StopOnExit exit = new StopOnExit("stop-other-parts", this::stop);

    private OtherParts() {
    }

    /** Starts the generators of parts 2..{@code parts}, one per node of {@code local}. */
    static OtherParts launch(Options options, LocalServer local, Path work, int parts, PartsRendezvous rendezvous)
            throws IOException {
        OtherParts others = new OtherParts();
        for (int part = 2; part <= parts; part++) {
            Target target = local.target(part);
            Path report = work.resolve("load-report-part-" + part + ".md");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + options.text("generator-heap", "2g"), LocalServer.PAUSE_GOAL, "-cp", jar(),
                    LoadMain.class.getName(),
                    options.scenario(), "--url", target.url(), "--redis-url", target.redisUrl().orElseThrow(),
                    "--server-pid", Long.toString(target.server().orElseThrow().pid()), "--part",
                    Integer.toString(part), "--report", report.toString(), "--work-dir",
                    work.resolve("part-" + part).toString(), "--rendezvous", rendezvous.directory().toString()));
            for (Map.Entry<String, String> option : options.values().entrySet()) {
                if (!OWN.contains(option.getKey())) {
                    command.addAll(List.of("--" + option.getKey(), option.getValue()));
                }
            }
            others.reports.add(report);
            others.generators.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("generator-part-" + part + ".log").toFile()).start());
        }
        return others;
    }

    /**
     * What the other parts wrote: their reports, the messages they relayed (in all, in the message phase), and whether
     * each ended in time with status 0 (a part whose messages were lost or doubled exits with {@link LoadMain#FAILED}).
     */
    record Outcome(String reports, long relayed, long messagePhaseRelayed, boolean passed) {
    }

    /** Waits (at most {@code minutes}) for every other part to end, and answers what they wrote. */
    Outcome await(long minutes) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        long relayed = 0;
        long messagePhase = 0;
        boolean passed = true;
        for (int i = 0; i < generators.size(); i++) {
            Process generator = generators.get(i);
            boolean ended = generator.waitFor(minutes, TimeUnit.MINUTES);
            passed &= ended && generator.exitValue() == 0;
            text.append("\n# Part ").append(i + 2).append(" (its own generator process): ")
                    .append(ended ? "exit " + generator.exitValue() : "did not end in time, stopped").append("\n\n");
            if (Files.exists(reports.get(i))) {
                text.append(Files.readString(reports.get(i)));
            }
            Path counts = relayedFile(reports.get(i));
            if (Files.exists(counts)) {
                String[] both = Files.readString(counts).trim().split(" ");
                relayed += Long.parseLong(both[0]);
                messagePhase += Long.parseLong(both[1]);
            }
        }
        return new Outcome(text.toString(), relayed, messagePhase, passed);
    }

    /** Where a part other than the first writes the messages it relayed, next to its report. */
    static Path relayedFile(Path report) {
        return report.resolveSibling(report.getFileName() + ".relayed");
    }

    /** Written by a part other than the first: "relayed messagePhaseRelayed". */
    static void writeRelayed(Path report, Scenarios.Result result) throws IOException {
        Files.writeString(relayedFile(report), result.relayed() + " " + result.messages().relayed());
    }

    private static String jar() {
        try {
            return Path.of(LoadMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    @Override
    public void close() {
        exit.close();
    }

    private void stop() {
        generators.forEach(Process::destroy);
    }
}
