package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Criterion;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A conversation nobody local can take moves to the next step when its timeout passes, on a deadline in Redis. */
class StepWideningIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("lille.1", 3, "test-59"));
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(TestConfig.association("test-59", RoutingMode.DIRECT, false, Set.of("59")));
        return ConfigBuilder.from(base).associations(associations).steps(
                new RoutingStep("local", Set.of(Criterion.REGION), Duration.ofSeconds(2)),
                new RoutingStep("anyone", Set.of(), Duration.ZERO)).build();
    }

    @Test
    void aChatFromElsewhereWaitsForItsStepToWidenThenReachesTheCounsellor() {
        TestSocket lille = helpline.availableConsole(0, "lille.1", TestConfig.PASSWORD);
        Helpline.Visitor local = helpline.visitor(1, new JsonObject().put("region", "59"));
        assertEquals(local.conversation(), lille.next("assigned").getString("conversation"));

        Helpline.Visitor paris = helpline.visitor(1, new JsonObject().put("region", "75"));
        // The local step lasts 2 s and the widening is awaited next: listening 1.2 s of it costs no time.
        assertTrue(lille.all("assigned", Duration.ofMillis(1200)).isEmpty(), "not at the local step");
        String metrics = helpline.get(0, "/metrics").body();
        assertTrue(metrics.contains("helpline_queue_waiting_step{step=\"local\"}"), "waiting per step is exported");
        assertEquals(paris.conversation(), lille.next("assigned").getString("conversation"), "the step widened");
        lille.send(new JsonObject().put("type", "status").put("status", "away"));
        lille.next("status");
        local.end();
        paris.end();
    }

    @Test
    void aChatStillWaitingPastTheLastStepIsOfferedTheOpenLinesAgain() {
        Helpline.Visitor waiting = helpline.visitor(0, new JsonObject().put("region", "75").put("language", "fr"));
        assertEquals("waiting", waiting.socket().next("alternatives").getString("reason"));
        JsonObject late = waiting.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "long_wait".equals(f.getString("reason")), "alternatives after the last step");
        assertTrue(late.getJsonArray("hotlines").size() > 0, "open lines offered");
        assertTrue(late.getJsonArray("emergency").size() > 0);
        waiting.socket().assertServed();
        waiting.end();
    }
}
