package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.helpline.config.ConfigLoader;
import org.helpline.config.HelplineConfig;
import org.helpline.node.HelplineNode;
import org.helpline.store.EmbeddedRedis;
import org.junit.jupiter.api.Test;

/**
 * The load scenarios, tiny, in the normal test suite so that they cannot rot: a real node on a real redis-server. The
 * steady scenario for two seconds (about five messages each way per chat, then the scenario's own drain): no error,
 * every message sent acknowledged and delivered to the other side once, checked one by one (what would fail a run),
 * and Redis commands counted. A starts ramp of two short steps: every start answered, each step's errors read
 * again after it was judged, and what was measured handed on after each step.
 */
class LoadSmokeTest {
    @Test
    void aShortSteadyRunRelaysEverythingOnce() throws Exception {
        onANode(3, target -> {
            try (StallSources stalls = StallSources.watch(target)) {
                // after a warm-up whose chats must all have ended, uncounted, before the measured ones start
                Scenarios.Result result = Scenarios.steady(target, new Part(1, 1), PartsRendezvous.alone(), 4, 2,
                                Duration.ofMillis(400), Duration.ofSeconds(2), Scenarios.ARRIVALS,
                                Duration.ofSeconds(2))
                        .toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
                Traffic traffic = result.traffic();
                assertEquals(4, traffic.chats.size(), traffic.counts.snapshot().toString());
                assertEquals(0, traffic.counts.errors(), traffic.counts.snapshot().toString());
                MessageCheck check = result.check();
                assertTrue(check.passed(), "nothing lost or doubled: " + check);
                assertTrue(check.sent() > 0 && check.acked() == check.sent() && check.relayed() == check.sent(),
                        "every message acknowledged and delivered once: " + check);
                assertEquals(0, check.unresolved() + check.deliveredWithoutAck() + check.refusedUndelivered()
                        + check.unknownChat(), check.toString());
                assertTrue(traffic.chats.values().stream().allMatch(chat -> chat.receivedByCounsellor() > 0
                        && chat.receivedByVisitor() > 0), "every chat relayed both ways: " + traffic.counts.snapshot());
                assertTrue(result.redisCommandsPerMessage() > 0, "Redis commands counted");
                assertTrue(result.messages().redisCommandsPerMessage() > 0, "and over the message phase alone");
                assertTrue(result.messages().spent().callsByCommand().containsKey("fcall"), "command by command");
                Relays relays = traffic.relays;
                assertTrue(relays.visitorToCounsellorInMessagePhase.histogram().getTotalCount() > 0
                        && relays.counsellorToVisitorInMessagePhase.histogram().getTotalCount() > 0,
                        "the message phase's relay, both ways");
                assertTrue(relays.visitorToCounsellorInMessagePhase.histogram().getTotalCount()
                        <= relays.visitorToCounsellor.histogram().getTotalCount(), "a part of the whole run's");
                assertEquals(relays.visitorToCounsellorInMessagePhase.histogram().getTotalCount()
                        + relays.counsellorToVisitorInMessagePhase.histogram().getTotalCount(),
                        relays.fromActualSendInMessagePhase.histogram().getTotalCount(),
                        "each message of the phase timed from its due time and from its actual send");
                assertTrue(relays.sendLatenessInMessagePhase.histogram().getTotalCount() > 0, "the timers' lateness");
                assertEquals(4, traffic.startLateness.histogram().getTotalCount(), "each arrival, how late it left");
                Report report = new Report("smoke", "test", stalls);
                report.add(result);
                assertTrue(report.toString().contains("relay visitor to counsellor"));
                assertTrue(report.toString().contains(StallSources.HEADER), "the slowest seconds, with what else ran");
                assertTrue(report.toString().contains("**Nothing lost, nothing doubled.**"), report.toString());
                assertTrue(result.messages().relayed() > 0 && result.messages().relayed() <= result.relayed(),
                        "the message phase's messages, a part of the run's: " + result.messages());
                assertTrue(report.toString().contains("| relayed per second, message phase"), report.toString());
            }
        });
    }

    @Test
    void aShortStartsRampAnswersEveryStart() throws Exception {
        onANode(2, target -> {
            try (StallSources stalls = StallSources.watch(target)) {
                // a p99 limit no machine misses at 5 and 10 starts a second, so that both steps are judged
                StartsRamp.Settings settings = new StartsRamp.Settings(5, 5, 10, Duration.ofSeconds(1),
                        Duration.ofMillis(500), Duration.ofSeconds(10), 2, Duration.ofSeconds(1), Duration.ZERO,
                        Long.MAX_VALUE);
                List<StartsRamp.Outcome> soFar = new CopyOnWriteArrayList<>();
                StartsRamp.Outcome ramp = StartsRamp.run(target, settings, soFar::add).toCompletionStage()
                        .toCompletableFuture().get(90, TimeUnit.SECONDS);
                assertEquals(2, ramp.steps().size(), ramp.stoppedBecause());
                for (StartsRamp.Step step : ramp.steps()) {
                    assertEquals(step.rate(), step.asked(), "a second of arrivals");
                    assertEquals(step.asked(), step.started(), step.counts().snapshot().toString());
                    assertEquals(0, step.unanswered() + step.errors() + step.lateErrors(),
                            step.counts().snapshot().toString());
                    assertTrue(step.held());
                    assertEquals(step.asked(), step.leaving().histogram().getTotalCount(),
                            "every visitor left, timed from her end to her socket closed");
                }
                assertEquals(10, ramp.highestHeld());
                assertEquals(15, ramp.ends().byVisitors(), "every visitor's end, 0.5 s after her start, in the window");
                assertFalse(ramp.consoles().isEmpty(), "the consoles' counters, reported");
                Report report = new Report("smoke", "test", stalls);
                report.ramp(ramp);
                assertTrue(report.toString().contains("| 10 | 10 / 10 / 0 |"), report.toString());
                assertTrue(report.toString().contains("The consoles' counters: "), report.toString());
                assertTrue(report.toString().contains("| chat ends asked in the same window, by visitors / by"
                        + " counsellors"), report.toString());
                // handed on after each step: what a run stopped before the ramp's end would have written
                assertEquals(2, soFar.size());
                assertEquals(1, soFar.get(0).steps().size());
                assertEquals(StartsRamp.RUNNING, soFar.get(0).stoppedBecause());
                Report partial = new Report("smoke", "test", stalls);
                String written = partial.withRampSoFar(soFar.get(0));
                assertTrue(written.contains("| 5 | 5 / 5 / 0 |") && written.contains("Stopped: not yet")
                        && written.contains("read at the end of the ramp only"), written);
                assertFalse(partial.toString().contains("## starts"), "the report itself left as it was");
            }
        });
    }

    /** A scenario against a real node on a real redis-server, with {@code counsellors} load accounts. */
    private static void onANode(int counsellors, Run run) throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "load-smoke-" + System.nanoTime());
        Path config = LoadAccounts.write(Path.of(System.getProperty("helpline.config.dir", "../config")),
                work.resolve("config"), counsellors, 2);
        HelplineConfig loaded = ConfigLoader.load(config, Map.of(ConfigLoader.ENV_HTTP_PORT, "0"));
        assertEquals(1_000_000, loaded.abuse().chatsPerClientPerHour(), "one machine's load is not a flood");
        assertEquals(1_000_000, loaded.abuse().chatsPerNodePerMinute());
        assertEquals(LoadAccounts.ITERATIONS, loaded.sessions().passwordIterations(), "the load accounts' hashes");
        try (EmbeddedRedis redis = EmbeddedRedis.start(work.resolve("redis"))) {
            HelplineNode node = HelplineNode.start(loaded, redis.url()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            try {
                run.on(new Target("http://localhost:" + node.httpPort(), Optional.of(redis.url()), Optional.empty(),
                        false));
            } finally {
                node.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
        }
    }

    /** What a test runs against the node. */
    private interface Run {
        void on(Target target) throws Exception;
    }
}
