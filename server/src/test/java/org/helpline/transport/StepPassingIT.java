package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Criterion;
import org.helpline.domain.OpeningHours;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chat whose routing step targets only an association closed now (its local specialist, at night) is passed at once
 * to the first later step someone open can answer, not left to wait out the step's ten minutes, and its visitor is not
 * told the helpline is closed for her need.
 */
class StepPassingIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(new Association("night-local", "Local, closed now", TestConfig.ALL_TOPICS,
                Set.of("local-area"), Set.of("fr", "en"), OpeningHours.weekly(ZoneId.of("UTC"), Map.of()), 3,
                RoutingMode.DIRECT, false));
        associations.add(TestConfig.association("day-and-night", RoutingMode.DIRECT, false, Set.of("elsewhere")));
        return ConfigBuilder.from(base).associations(associations)
                .counsellors(List.of(TestConfig.counsellor("pass.local", 2, "night-local"),
                        TestConfig.counsellor("pass.any", 2, "day-and-night")))
                .steps(new RoutingStep("local", Set.of(Criterion.REGION), Duration.ofMinutes(10)),
                        new RoutingStep("region-again", Set.of(Criterion.REGION), Duration.ofMinutes(10)),
                        new RoutingStep("anyone", Set.of(), Duration.ZERO))
                .build();
    }

    @Test
    void aChatIsPassedAtOnceFromStepsNobodyOpenCanAnswer() {
        TestSocket console = helpline.availableConsole(1, "pass.any", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("region", "local-area")
                .put("language", "fr"));

        JsonObject assigned = console.take(f -> "assigned".equals(f.getString("type")), "the chat, from the last step",
                Duration.ofSeconds(15));
        assertEquals(visitor.conversation(), assigned.getString("conversation"));
        assertEquals("2", helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()), "step")));
        visitor.socket().next("assigned");
        assertTrue(visitor.socket().all("alternatives", Duration.ZERO).stream()
                .noneMatch(alternatives -> "closed".equals(alternatives.getString("reason"))), "never told closed");
        visitor.end();
    }
}
