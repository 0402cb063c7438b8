package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * config/monitoring against Prometheus's own checker ({@code promtool}, Debian's {@code prometheus} package, installed
 * by {@code .ci/install-promtool}): the alert rules are valid and pass their unit tests, a real node's scrape parses
 * with no lint finding on the helpline's or Vert.x's meters, and every metric the dashboard and the rules name is in
 * that scrape.
 */
class MonitoringIT {
    private static final Path MONITORING = TestConfig.shippedDirectory().resolve("monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b(?:helpline|vertx|jvm|process|system)_[a-z0-9_]+");
    /** Findings of {@code promtool check metrics} about the names of Micrometer's own JVM and system binders. */
    private static final Set<String> BINDER_FINDINGS = Set.of("process_cpu_time_ns_total", "system_cpu_count");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("monitoring.louise", 2, TestConfig.OFFER)));

    @Test
    void theAlertRulesAreValidAndPassTheirUnitTests() {
        Run check = promtool("", "check", "rules", MONITORING.resolve("helpline-alerts.yml").toString());
        assertEquals(0, check.exit(), check.output());
        Run unitTests = promtool("", "test", "rules", MONITORING.resolve("helpline-alerts-test.yml").toString());
        assertEquals(0, unitTests.exit(), unitTests.output());
    }

    @Test
    void theScrapeLintsCleanAndHoldsEveryMetricTheDashboardAndTheRulesUse() throws IOException {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String waiting = Waits.until(() -> helpline.get(0, "/metrics").body(),
                body -> body.contains("helpline_queue_waiting_step{"), 10, "the waiting chat by step");
        TestSocket console = helpline.availableConsole(0, "monitoring.louise", TestConfig.PASSWORD);
        console.next("offer");
        console.send(new JsonObject().put("type", "accept").put("conversation", visitor.conversation()));
        console.next("assigned");
        visitor.end();
        System.gc(); // the JVM's GC pause timer is only exported once a collection happened in this JVM
        String taken = Waits.until(() -> helpline.get(0, "/metrics").body(),
                body -> body.contains("helpline_queue_wait_seconds_bucket")
                        && body.contains("jvm_gc_pause_seconds_sum"), 10, "the wait of the chat taken, a GC pause");
        assertTrue(taken.contains("le=\"60.0\""), "the service level target is a bucket of the wait histogram");
        String scrape = waiting + taken;

        Run lint = promtool(taken, "check", "metrics");
        assertNotEquals(1, lint.exit(), "the scrape parses: " + lint.output());
        List<String> findings = lint.output().lines().filter(line -> !line.isBlank())
                .filter(line -> BINDER_FINDINGS.stream().noneMatch(line::startsWith)).toList();
        assertEquals(List.of(), findings, "lint findings on the helpline's meters");

        Set<String> exported = scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        for (String file : List.of("helpline-dashboard.json", "helpline-alerts.yml", "helpline-alerts-test.yml")) {
            Matcher names = METRIC.matcher(Files.readString(MONITORING.resolve(file)));
            while (names.find()) {
                used.add(names.group());
            }
        }
        assertTrue(used.contains("helpline_escalations_total") && used.contains("jvm_memory_used_bytes"), "" + used);
        used.removeAll(exported);
        assertEquals(Set.of(), used, "metrics named in config/monitoring but not exported");
    }

    private record Run(int exit, String output) {
    }

    /** Runs promtool with {@code input} on its standard input; its output and errors come back together. */
    private static Run promtool(String input, String... arguments) {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "promtool finished");
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("promtool is missing: install Debian's prometheus package (.ci/install-promtool)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
