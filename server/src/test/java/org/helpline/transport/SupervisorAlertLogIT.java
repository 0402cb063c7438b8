package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KillArgs;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No alert is lost to a dropped connection: a supervisor page that reconnects names the last alert it was shown
 * ({@code since}) and gets those raised meanwhile, and a node whose pub/sub connection dropped reads the alert log
 * for its supervisor sockets once it is back; each alert reaches a socket once.
 */
class SupervisorAlertLogIT {
    private static final String SUPERVISOR = "log.supervisor";
    private static final Duration QUIET = Duration.ofMillis(800);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(TestConfig.supervisor(SUPERVISOR)));

    private final List<Helpline.Visitor> visitors = new ArrayList<>();

    @AfterEach
    void endChats() {
        visitors.forEach(Helpline.Visitor::end);
        visitors.clear();
    }

    @Test
    void aPageThatReconnectsGetsTheAlertsRaisedWhileItWasAway() {
        TestSocket before = supervisor(0, null);
        String first = inDanger(1);
        String seen = alertFor(before, first).getString("id");
        before.close();

        List<String> meanwhile = List.of(inDanger(1), inDanger(0));
        TestSocket after = supervisor(0, seen);
        List<JsonObject> replayed = after.take("alert", 2);
        assertEquals(meanwhile, replayed.stream().map(alert -> alert.getString("conversation")).toList(),
                "the alerts raised meanwhile, oldest first");
        String live = inDanger(1);
        alertFor(after, live);
        List<JsonObject> more = after.all("alert", QUIET);
        assertEquals(List.of(), more, "each alert once");

        assertEquals(Boolean.TRUE, welcomeAfter("1-1").getBoolean("alertsIncomplete"), "a since no longer held");

        // a page that came while the log was empty names 0-0: complete while the log has dropped nothing
        assertEquals(Boolean.FALSE, welcomeAfter("0-0").getBoolean("alertsIncomplete"));
        helpline.inRedis(redis -> redis.xtrim(Keys.SUPERVISORS_ALERT_LOG, 1));
        assertEquals(Boolean.TRUE, welcomeAfter("0-0").getBoolean("alertsIncomplete"), "alerts were dropped");

        TestSocket wrong = helpline.socket(0, "/ws/supervisor");
        wrong.send(new JsonObject().put("type", "auth").put("token", helpline.login(0, SUPERVISOR,
                TestConfig.PASSWORD)).put("since", "yesterday"));
        wrong.error("invalid");
    }

    @Test
    void alertsRaisedWhileTheNodesPubSubWasDownAreSentWhenItIsBack() {
        TestSocket watching = supervisor(0, null);
        // an alert whose publication the node missed: in the log only, as if raised while it was not subscribed
        JsonObject missed = new JsonObject().put("type", "alert").put("kind", "help").put("conversation", "missed-1")
                .put("association", TestConfig.DIRECT).put("counsellor", "Counsellor").put("at", 1L);
        String id = helpline.inRedis(redis -> redis.xadd(Keys.SUPERVISORS_ALERT_LOG, Map.of("a", missed.encode())));
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        JsonObject caughtUp = watching.take(f -> "alert".equals(f.getString("type"))
                && "missed-1".equals(f.getString("conversation")), "the alert missed");
        assertEquals(id, caughtUp.getString("id"));

        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        String raised = inDanger(1); // published, and read from the log again once the node is back: sent once
        alertFor(watching, raised);
        TestSocket.sleep(Duration.ofSeconds(1));
        assertTrue(watching.all("alert", QUIET).stream().noneMatch(f -> raised.equals(f.getString("conversation"))
                || "missed-1".equals(f.getString("conversation"))), "each alert once");
    }

    private TestSocket supervisor(int node, String since) {
        TestSocket socket = helpline.socket(node, "/ws/supervisor");
        JsonObject auth = new JsonObject().put("type", "auth").put("token", helpline.login(node, SUPERVISOR,
                TestConfig.PASSWORD));
        if (since != null) {
            auth.put("since", since);
        }
        socket.send(auth);
        JsonObject welcome = socket.next("welcome");
        assertTrue(welcome.getString("alertsFrom").matches("[0-9]+-[0-9]+"), welcome.encode());
        assertEquals(Boolean.FALSE, welcome.getBoolean("alertsIncomplete"), "the log holds since");
        if (since != null) {
            assertEquals(since, welcome.getString("alertsFrom"));
        }
        return socket;
    }

    private static JsonObject welcomeAfter(String since) {
        TestSocket socket = helpline.socket(0, "/ws/supervisor");
        socket.send(new JsonObject().put("type", "auth").put("token", helpline.login(0, SUPERVISOR,
                TestConfig.PASSWORD)).put("since", since));
        return socket.next("welcome");
    }

    /** A visitor who starts in danger now on this node: her chat's id (its supervisors' alert is raised). */
    private String inDanger(int node) {
        Helpline.Visitor visitor = helpline.visitor(node, new JsonObject().put("inDanger", true));
        visitors.add(visitor);
        return visitor.conversation();
    }

    private static JsonObject alertFor(TestSocket socket, String conversation) {
        JsonObject alert = socket.take(f -> "alert".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the alert of " + conversation);
        assertTrue(alert.getString("id").matches("[0-9]+-[0-9]+"), alert.encode());
        return alert;
    }
}
