package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * supervisor to pass it on by hand. An outcome that comes after all replaces it, and the supervisors are told. A
 * webhook that fails for good alerts them too.
 */
class UnconfirmedEscalationIT {
    private static final Vertx RECEIVER_VERTX = Vertx.vertx();
    /** The attempts the receiver got and holds unanswered, with their delivery ids. */
    private static final List<HttpServerRequest> HELD = new CopyOnWriteArrayList<>();
    /** The delivery ids the receiver now answers 204, held attempts and new ones alike. */
    private static final Set<String> ANSWERED = ConcurrentHashMap.newKeySet();
    /** While set, the receiver answers each attempt with a body that trickles in, a byte every 200 ms, never ending. */
    private static final AtomicBoolean TRICKLE = new AtomicBoolean();
    private static final HttpServer RECEIVER = Waits.await(RECEIVER_VERTX.createHttpServer().requestHandler(request -> {
        if (ANSWERED.contains(request.getHeader(EscalationWebhook.DELIVERY))) {
            request.response().setStatusCode(204).end();
        } else if (TRICKLE.get()) {
            request.response().setChunked(true).setStatusCode(200).write("{");
            long trickle = RECEIVER_VERTX.setPeriodic(200, id -> request.response().write(" "));
            request.response().closeHandler(closed -> RECEIVER_VERTX.cancelTimer(trickle));
        } else {
            HELD.add(request);
        }
    }).listen(0));
    /** Two attempts of 4 s each, 200 ms apart: the outcome is due 8.2 s plus the 10 s margin after the escalation. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(4);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(TestConfig.association("test-open", RoutingMode.DIRECT, false, Set.of("open-area")));
        associations.add(TestConfig.association("test-late", RoutingMode.DIRECT, false, Set.of("late-area")));
        associations.add(TestConfig.association("test-slow", RoutingMode.DIRECT, false, Set.of("slow-area")));
        List<Counsellor> counsellors = List.of(TestConfig.counsellor("esc.open", 3, "test-open"),
                TestConfig.counsellor("esc.late", 3, "test-late"), TestConfig.counsellor("esc.slow", 3, "test-slow"),
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
        String escalation = escalatedAndHeld(counsellor, "open-area", "fr-police-17");
        assertEquals("escalation", supervisor.next("alert").getString("kind"));
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

    @Test
    void anOutcomeThatComesAfterAllReplacesUnconfirmedAndSupervisorsAreToldSo() {
        TestSocket supervisor = helpline.supervisor(0, "esc.supervisor", TestConfig.PASSWORD);
        TestSocket counsellor = helpline.availableConsole(0, "esc.late", TestConfig.PASSWORD);
        // a service line: the other test counts its emergency alone
        String escalation = escalatedAndHeld(counsellor, "late-area", "fr-115");

        // its deadline comes due now, as if the node had been too slow: the entry is marked, supervisors alerted
        helpline.inRedis(redis -> redis.zadd("hl:deadlines", 0, Deadline.escalation(escalation).member()));
        assertEquals(escalation, supervisor.take(frame -> "escalation_unconfirmed".equals(frame.getString("kind")),
                "the unconfirmed alert", Duration.ofSeconds(10)).getString("escalation"));
        assertEquals("unconfirmed", recorded(escalation).getString("webhook"));

        ANSWERED.add(escalation); // the receiver answers after all (this attempt or the next)
        HELD.stream().filter(request -> escalation.equals(request.getHeader(EscalationWebhook.DELIVERY)))
                .forEach(request -> request.response().setStatusCode(204).end());
        JsonObject settled = supervisor.take(frame -> "escalation_settled".equals(frame.getString("kind")),
                "the settled alert", Duration.ofSeconds(15));
        assertEquals(escalation, settled.getString("escalation"));
        assertEquals("delivered", settled.getString("webhook"));
        assertEquals("delivered", recorded(escalation).getString("webhook"), "the outcome replaced unconfirmed");
        assertEquals(1, helpline.inRedis(redis -> redis.lrange("hl:escalations", 0, -1)).stream()
                .filter(entry -> entry.contains(escalation)).count(), "recorded once");
    }

    @Test
    void aReceiverThatNeverFinishesItsAnswerStillGivesAnOutcomeInTimeAndSupervisorsAreAlerted() {
        TestSocket supervisor = helpline.supervisor(0, "esc.supervisor", TestConfig.PASSWORD);
        TestSocket counsellor = helpline.availableConsole(0, "esc.slow", TestConfig.PASSWORD);
        TRICKLE.set(true);
        try {
            String escalation = escalated(counsellor, "slow-area", "fr-115");
            // each attempt is given up at its 4 s, though data keeps coming: failed after 8.2 s, before the deadline
            Waits.until(() -> recorded(escalation).getString("webhook"), "failed"::equals, 20,
                    "the outcome, failed, written in time");
            assertNull(helpline.inRedis(redis -> redis.zscore("hl:deadlines", Deadline.escalation(escalation)
                    .member())), "the outcome cancelled the deadline");
            // nobody on call heard of it: the supervisors are told to pass it on by hand
            JsonObject failed = supervisor.take(frame -> "alert".equals(frame.getString("type"))
                    && "escalation_failed".equals(frame.getString("kind"))
                    && escalation.equals(frame.getString("escalation")), "the failed alert", Duration.ofSeconds(10));
            assertEquals("failed", failed.getString("webhook"));
            assertEquals("service", failed.getString("targetKind"));
            assertEquals("fr-115", failed.getString("target"));
            assertEquals("test-slow", failed.getString("association"));
            assertFalse(failed.encode().contains("bathroom"), "no text of the escalation in the alert");
        } finally {
            TRICKLE.set(false);
        }
    }

    /** A chat of the region, given to the counsellor and escalated to the target (with a note): the escalation. */
    private static String escalated(TestSocket counsellor, String region, String target) {
        helpline.visitor(0, new JsonObject().put("region", region).put("language", "fr"));
        String conversation = counsellor.next("assigned").getString("conversation");
        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", target).put("note", "hiding in the bathroom"));
        return counsellor.next("escalation").getString("escalation");
    }

    /** The same, returned once the receiver holds the webhook's first attempt at it. */
    private static String escalatedAndHeld(TestSocket counsellor, String region, String target) {
        String escalation = escalated(counsellor, region, target);
        Waits.until(() -> HELD.stream().anyMatch(request -> escalation.equals(request.getHeader(
                EscalationWebhook.DELIVERY))), held -> held, 10, "the webhook's first attempt");
        return escalation;
    }

    private static JsonObject recorded(String escalation) {
        return Waits.until(() -> helpline.inRedis(redis -> redis.lrange("hl:escalations", 0, -1)).stream()
                        .map(JsonObject::new).filter(entry -> escalation.equals(entry.getString("id"))).findFirst(),
                Optional::isPresent, 10, "escalation " + escalation + " in the record").orElseThrow();
    }
}
