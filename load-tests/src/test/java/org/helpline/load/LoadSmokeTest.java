package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.helpline.config.ConfigLoader;
import org.helpline.config.HelplineConfig;
import org.helpline.node.HelplineNode;
import org.helpline.store.EmbeddedRedis;
import org.junit.jupiter.api.Test;

/**
 * The load scenarios, tiny, in the normal test suite so that they cannot rot: a real node on a real redis-server, the
 * steady scenario for two seconds (about five messages each way per chat, then the scenario's own drain), no error,
 * nothing lost or doubled, and Redis commands counted.
 */
class LoadSmokeTest {
    @Test
    void aShortSteadyRunRelaysEverythingOnce() throws Exception {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "load-smoke-" + System.nanoTime());
        Path config = LoadAccounts.write(Path.of(System.getProperty("helpline.config.dir", "../config")),
                work.resolve("config"), 3, 2);
        HelplineConfig loaded = ConfigLoader.load(config, Map.of(ConfigLoader.ENV_HTTP_PORT, "0"));
        assertEquals(1_000_000, loaded.abuse().chatsPerClientPerHour(), "one machine's load is not a flood");
        assertEquals(1_000_000, loaded.abuse().chatsPerNodePerMinute());
        assertEquals(LoadAccounts.ITERATIONS, loaded.sessions().passwordIterations(), "the load accounts' hashes");
        try (EmbeddedRedis redis = EmbeddedRedis.start(work.resolve("redis"))) {
            HelplineNode node = HelplineNode.start(loaded, redis.url()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            Target target = new Target("http://localhost:" + node.httpPort(), Optional.of(redis.url()),
                    Optional.empty(), false);
            try (StallSources stalls = StallSources.watch(target)) {
                // after a warm-up whose chats must all have ended, uncounted, before the measured ones start
                Scenarios.Result result = Scenarios.steady(target, new Part(1, 1), PartsRendezvous.alone(), 4, 2,
                                Duration.ofMillis(400), Duration.ofSeconds(2), Scenarios.ARRIVALS,
                                Duration.ofSeconds(2))
                        .toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
                Traffic traffic = result.traffic();
                assertEquals(4, traffic.chats.size(), traffic.counts.snapshot().toString());
                assertEquals(0, traffic.counts.errors(), traffic.counts.snapshot().toString());
                assertTrue(traffic.chats.values().stream().allMatch(chat -> chat.receivedByCounsellor() > 0
                        && !chat.receivedByVisitor.isEmpty()), "every chat relayed both ways: "
                        + traffic.counts.snapshot());
                assertTrue(result.redisCommandsPerMessage() > 0, "Redis commands counted");
                assertTrue(result.messages().redisCommandsPerMessage() > 0, "and over the message phase alone");
                assertTrue(result.messages().spent().callsByCommand().containsKey("evalsha"), "command by command");
                assertTrue(traffic.visitorToCounsellorInMessagePhase.histogram().getTotalCount() > 0
                        && traffic.counsellorToVisitorInMessagePhase.histogram().getTotalCount() > 0,
                        "the message phase's relay, both ways");
                assertTrue(traffic.visitorToCounsellorInMessagePhase.histogram().getTotalCount()
                        <= traffic.visitorToCounsellor.histogram().getTotalCount(), "a part of the whole run's");
                Report report = new Report("smoke", "test", stalls);
                report.add(result);
                assertTrue(report.toString().contains("relay visitor to counsellor"));
                assertTrue(report.toString().contains(StallSources.HEADER), "the slowest seconds, with what else ran");
            } finally {
                node.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
        }
    }
}
