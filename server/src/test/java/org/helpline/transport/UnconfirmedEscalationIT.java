package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Criterion;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.store.Deadline;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that stops while it retries an escalation's webhook takes the retries with it: the escalation's deadline,
 * kept in Redis, then fires on another node, which marks the record {@code unconfirmed}, counts it and alerts every
 * supervisor to pass it on by hand.
 */
class UnconfirmedEscalationIT {
    private static final Vertx RECEIVER_VERTX = Vertx.vertx();
    /** Delivery ids of the attempts the receiver got; it never answers one. */
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();
    private static final HttpServer RECEIVER = Waits.await(RECEIVER_VERTX.createHttpServer()
            .requestHandler(request -> ATTEMPTS.add(request.getHeader(EscalationWebhook.DELIVERY))).listen(0));
    /** Two attempts of 1 s each, 200 ms apart: the outcome is due 2.2 s plus the 10 s margin after the escalation. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(TestConfig.association("test-open", RoutingMode.DIRECT, false, Set.of("open-area")));
        List<Counsellor> counsellors = List.of(TestConfig.counsellor("esc.open", 3, "test-open"),
                new Counsellor("esc.supervisor", "Sam", "test-open", Set.of("fr"), Set.of(), 1,
                        TestConfig.counsellor("x", 1).passwordHash(), true, false));
        return ConfigBuilder.from(base).associations(associations).counsellors(counsellors)
                .steps(new RoutingStep("region-only", Set.of(Criterion.REGION), Duration.ZERO))
                .webhook("http://localhost:" + RECEIVER.actualPort() + "/hook", "unconfirmed-webhook-secret-0123", 2,
                        Duration.ofMillis(200), ATTEMPT_TIMEOUT)
                .build();
    }

    @AfterAll
    static void stopReceiver() {
        Waits.await(RECEIVER_VERTX.close());
    }

    @Test
    void anEscalationWhoseNodeStopsDuringTheRetriesIsMarkedUnconfirmedAndSupervisorsAreAlerted() {
        TestSocket supervisor = helpline.supervisor(0, "esc.supervisor", TestConfig.PASSWORD);
        TestSocket counsellor = helpline.availableConsole(1, "esc.open", TestConfig.PASSWORD);
        helpline.visitor(0, new JsonObject().put("region", "open-area").put("language", "fr"));
        String conversation = counsellor.next("assigned").getString("conversation");

        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "emergency").put("note", "hiding in the bathroom"));
        String escalation = counsellor.next("escalation").getString("escalation");
        assertEquals("escalation", supervisor.next("alert").getString("kind"));
        Waits.until(ATTEMPTS::size, count -> count > 0, 10, "the webhook's first attempt");
        assertEquals(escalation, ATTEMPTS.get(0));
        assertEquals("pending", recorded(escalation).getString("webhook"));
        helpline.halt(1); // the node delivering it dies: its retries were in its memory

        JsonObject alert = supervisor.take(frame -> "alert".equals(frame.getString("type"))
                        && "escalation_unconfirmed".equals(frame.getString("kind")), "the unconfirmed alert",
                Duration.ofSeconds(30));
        assertEquals(escalation, alert.getString("escalation"));
        assertEquals("emergency", alert.getString("targetKind"));
        assertEquals("test-open", alert.getString("association"));
        assertEquals("unconfirmed", alert.getString("webhook"));
        assertFalse(alert.encode().contains("bathroom"), "no text of the escalation in the alert");
        assertEquals("unconfirmed", recorded(escalation).getString("webhook"), "the record says so");
        assertNull(helpline.inRedis(redis -> redis.zscore("hl:deadlines", Deadline.escalation(escalation)
                .member())), "the deadline fired once and is gone");
        assertTrue(helpline.get(0, "/metrics").body().lines().anyMatch(line -> line.startsWith(
                "helpline_escalations_total{") && line.contains("outcome=\"unconfirmed\"")
                        && line.contains("target=\"emergency\"") && line.endsWith(" 1.0")),
                "counted on the node that found it");
    }

    private static JsonObject recorded(String escalation) {
        return Waits.until(() -> helpline.inRedis(redis -> redis.lrange("hl:escalations", 0, -1)).stream()
                        .map(JsonObject::new).filter(entry -> escalation.equals(entry.getString("id"))).findFirst(),
                Optional::isPresent, 10, "escalation " + escalation + " in the record").orElseThrow();
    }
}
