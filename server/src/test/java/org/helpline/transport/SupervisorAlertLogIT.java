package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No alert is lost to a dropped connection: a supervisor page that reconnects names the last alert it was shown
 * ({@code since}) and gets those raised meanwhile, and a node whose pub/sub connection dropped reads the alert log
 * for its supervisor sockets once it is back (live alerts waiting until it could, so that they go out in the order of
 * their log ids); each alert reaches a socket once.
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

    /**
     * A node that cannot read the log when its pub/sub connection comes back holds the live alerts until it can: a page
     * shown a newer live alert first would name it as {@code since} when its socket drops, and never get the older one.
     * Redis is made to refuse {@code XRANGE} (the log's read), as it would fail any read while too slow or unreachable;
     * the alerts themselves are still logged and published.
     */
    @Test
    void liveAlertsWaitForTheMissedOnesWhileTheLogCannotBeRead() {
        TestSocket staying = supervisor(0, null);
        TestSocket dropping = supervisor(0, null);
        String before = inDanger(1);
        alertFor(staying, before);
        String newestShown = alertFor(dropping, before).getString("id");
        JsonObject missed = new JsonObject().put("type", "alert").put("kind", "help").put("conversation", "missed-2")
                .put("association", TestConfig.DIRECT).put("counsellor", "Counsellor").put("at", 2L);
        helpline.inRedis(redis -> redis.xadd(Keys.SUPERVISORS_ALERT_LOG, Map.of("a", missed.encode())));
        String live;
        helpline.inRedis(redis -> redis.aclLogReset() + redis.aclSetuser("default",
                AclSetuserArgs.Builder.removeCommand(CommandType.XRANGE)));
        try {
            helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
            Waits.until(() -> helpline.inRedis(redis -> redis.aclLog()).stream()
                    .anyMatch(entry -> "xrange".equals(entry.get("object"))), 10, "the log's read refused");
            live = inDanger(1);
            // the page keeps the newest id it was shown (briefly looked at: the read must succeed within the hold)
            for (JsonObject shown : dropping.all("alert", Duration.ofMillis(200))) {
                newestShown = newer(shown.getString("id"), newestShown);
            }
            dropping.close();
        } finally {
            helpline.inRedis(redis -> redis.aclSetuser("default",
                    AclSetuserArgs.Builder.addCommand(CommandType.XRANGE)));
        }
        List<String> inOrder = List.of("missed-2", live);
        assertEquals(inOrder, conversations(staying.take("alert", 2)), "the missed alert first, then the live one");
        TestSocket back = supervisor(0, newestShown);
        assertEquals(inOrder, conversations(back.take("alert", 2)), "the page's since skipped none");
        assertEquals(List.of(), staying.all("alert", QUIET), "each alert once");
    }

    /**
     * The log unreadable for longer than the hold (5 s): a danger alert is shown all the same, out of order rather than
     * late, and the missed one comes once the log can be read again (at once when another alert comes).
     */
    @Test
    void aDangerAlertIsNotHeldLongerThanTheHoldWhileTheLogStaysUnreadable() {
        TestSocket staying = supervisor(0, null);
        alertFor(staying, inDanger(1));
        JsonObject missed = new JsonObject().put("type", "alert").put("kind", "help").put("conversation", "missed-3")
                .put("association", TestConfig.DIRECT).put("counsellor", "Counsellor").put("at", 3L);
        helpline.inRedis(redis -> redis.xadd(Keys.SUPERVISORS_ALERT_LOG, Map.of("a", missed.encode())));
        helpline.inRedis(redis -> redis.aclLogReset() + redis.aclSetuser("default",
                AclSetuserArgs.Builder.removeCommand(CommandType.XRANGE)));
        String live;
        try {
            helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
            Waits.until(() -> helpline.inRedis(redis -> redis.aclLog()).stream()
                    .anyMatch(entry -> "xrange".equals(entry.get("object"))), 10, "the log's read refused");
            live = inDanger(1);
            assertEquals(List.of(), staying.all("alert", Duration.ofSeconds(2)), "held while the read may succeed");
            alertFor(staying, live); // within the hold's 5 s and the take's 10
        } finally {
            helpline.inRedis(redis -> redis.aclSetuser("default",
                    AclSetuserArgs.Builder.addCommand(CommandType.XRANGE)));
        }
        String after = inDanger(1);
        assertEquals(Set.of("missed-3", after), Set.copyOf(conversations(staying.take("alert", 2))),
                "the missed one once the log is read, with the next live one");
        assertEquals(List.of(), staying.all("alert", QUIET), "each alert once");
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

    private static List<String> conversations(List<JsonObject> alerts) {
        return alerts.stream().map(alert -> alert.getString("conversation")).toList();
    }

    /** The later of two log ids ({@code <ms>-<n>}), as the page compares them. */
    private static String newer(String one, String other) {
        Comparator<String> byLogId = Comparator.comparingLong((String id) -> Long.parseLong(id.split("-")[0]))
                .thenComparingLong(id -> Long.parseLong(id.split("-")[1]));
        return byLogId.compare(one, other) > 0 ? one : other;
    }

    private static JsonObject alertFor(TestSocket socket, String conversation) {
        JsonObject alert = socket.take(f -> "alert".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the alert of " + conversation);
        assertTrue(alert.getString("id").matches("[0-9]+-[0-9]+"), alert.encode());
        return alert;
    }
}
