package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
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
 * The supervisor dashboard over the real protocol, two nodes on one real Redis, three associations: a waiting chat
 * counted under the associations its current step targets, counsellors by state, an active chat with its risk and
 * visitor presence, the service level after an answer, outcome counters read from Redis, and a history that is the
 * same from either node.
 */
class DashboardIT {
    private static final String LILLE = "dash-lille";
    private static final String NATIONAL = "dash-national";
    private static final String LONDON = "dash-london";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = List.of(
                TestConfig.association(LILLE, RoutingMode.DIRECT, false, Set.of("59")),
                TestConfig.association(NATIONAL, RoutingMode.DIRECT, false, Set.of(Association.NATIONAL)),
                new Association(LONDON, "London line", TestConfig.ALL_TOPICS, Set.of("london"), Set.of("en"),
                        OpeningHours.always(), 2, RoutingMode.DIRECT, false));
        List<Counsellor> counsellors = List.of(
                TestConfig.counsellor("dash.lille", 2, LILLE),
                TestConfig.counsellor("dash.national", 1, NATIONAL),
                TestConfig.counsellor("dash.london", 2, LONDON, Set.of("en"), TestConfig.ALL_TOPICS),
                TestConfig.counsellor("dash.london2", 2, LONDON, Set.of("en"), TestConfig.ALL_TOPICS),
                new Counsellor("dash.supervisor", "Sam", NATIONAL, Set.of("fr"), Set.of(), 1,
                        TestConfig.counsellor("x", 1).passwordHash(), true, false));
        return ConfigBuilder.from(base).associations(associations).counsellors(counsellors).steps(
                new RoutingStep("local", Set.of(Criterion.REGION, Criterion.LANGUAGE), Duration.ofMinutes(30)),
                new RoutingStep("anyone", Set.of(), Duration.ZERO)).build();
    }

    private TestSocket supervisor(int node) {
        TestSocket socket = helpline.socket(node, "/ws/supervisor");
        socket.send(new JsonObject().put("type", "auth").put("token", helpline.login(node, "dash.supervisor",
                TestConfig.PASSWORD)));
        return socket;
    }

    private static void redis(Map<String, Map<String, String>> hashes) {
        RedisClient client = RedisClient.create(helpline.redis().url());
        try (var connection = client.connect()) {
            hashes.forEach((key, fields) -> connection.sync().hset(key, fields));
        } finally {
            client.shutdown();
        }
    }

    private static JsonObject dashboard(TestSocket supervisor, String description, Predicate<JsonObject> matching) {
        return supervisor.take(frame -> "dashboard".equals(frame.getString("type")) && matching.test(frame),
                "a dashboard frame where " + description);
    }

    private static JsonObject association(JsonObject dashboard, String id) {
        return dashboard.getJsonArray("associations").stream().map(JsonObject.class::cast)
                .filter(line -> id.equals(line.getString("id"))).findFirst().orElseThrow();
    }

    private static JsonObject counsellors(int available, int busy, int away, int offline) {
        return new JsonObject().put("available", available).put("busy", busy).put("away", away)
                .put("offline", offline);
    }

    private static boolean sawWaiting(JsonObject point) {
        return point.getInteger("waiting") != null && point.getInteger("waiting") >= 1
                && point.getInteger("longestWaitSeconds") != null;
    }

    private static boolean anyPoint(JsonArray history, Predicate<JsonObject> matching) {
        return history.stream().map(JsonObject.class::cast).anyMatch(matching);
    }

    @Test
    void theDashboardShowsTheQueueCounsellorsActiveChatsServiceLevelOutcomesAndHistory() {
        TestSocket supervisor = supervisor(0);
        JsonObject welcome = supervisor.next("welcome");
        assertEquals(new JsonObject().put("serviceLevelSeconds", 60).put("historyHours", 6).put("refreshSeconds", 2)
                .put("timeZone", "UTC"), welcome.getJsonObject("dashboardSettings"));
        assertTrue(welcome.getValue("history") instanceof JsonArray);
        JsonObject first = supervisor.next("dashboard");
        assertEquals(0, first.getJsonObject("waiting").getInteger("total"));
        assertEquals(3, first.getJsonArray("associations").size(), "every association, active or not");

        TestSocket national = helpline.availableConsole(0, "dash.national", TestConfig.PASSWORD);
        Helpline.Visitor answered = helpline.visitor(1, new JsonObject().put("region", "59").put("language", "fr"));
        assertEquals(answered.conversation(), national.next("assigned").getString("conversation"));
        helpline.console(1, "dash.lille", TestConfig.PASSWORD);
        helpline.availableConsole(1, "dash.london2", TestConfig.PASSWORD);
        Helpline.Visitor waiting = helpline.visitor(0, new JsonObject().put("region", "59").put("language", "fr"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        redis(Map.of(Keys.conversation(answered.conversation()), Map.of("risk", "high", "visitorAway",
                        "connection_lost", "visitorAwaySince", Long.toString(System.currentTimeMillis())),
                Keys.outcomeCounts(LocalDate.parse(today)), Map.of("shelter-needed", "3")));

        JsonObject seen = dashboard(supervisor, "the second chat waits, the first is active and sampled",
                frame -> frame.getJsonObject("waiting").getInteger("total") == 1
                        && frame.getInteger("activeTotal") == 1
                        && "high".equals(frame.getJsonArray("active").getJsonObject(0).getString("risk"))
                        && frame.getJsonObject("outcomes").getJsonObject("tags").containsKey("shelter-needed")
                        && anyPoint(frame.getJsonArray("history"), point -> point.getInteger("answered") == 1)
                        && anyPoint(frame.getJsonArray("history"), DashboardIT::sawWaiting));

        JsonObject queue = seen.getJsonObject("waiting");
        assertEquals(new JsonArray().add(new JsonObject().put("step", "local").put("waiting", 1))
                .add(new JsonObject().put("step", "anyone").put("waiting", 0)), queue.getJsonArray("byStep"));
        assertEquals(0, queue.getInteger("unattributed"));
        assertEquals(0, queue.getInteger("inDanger"));
        assertEquals(1, association(seen, LILLE).getInteger("waiting"), "its region, at the first step");
        assertEquals(1, association(seen, LILLE).getJsonObject("byStep").getInteger("local"));
        assertEquals(1, association(seen, NATIONAL).getInteger("waiting"), "national serves every region");
        assertEquals(0, association(seen, LONDON).getInteger("waiting"), "not targeted by the chat's current step");
        assertEquals(LONDON, seen.getJsonArray("associations").getJsonObject(2).getString("id"),
                "associations with chats waiting come first");

        assertEquals(counsellors(0, 0, 1, 0), association(seen, LILLE).getJsonObject("counsellors"));
        assertEquals(counsellors(0, 1, 0, 1), association(seen, NATIONAL).getJsonObject("counsellors"),
                "at capacity; the supervisor account has no console");
        assertEquals(counsellors(1, 0, 0, 1), association(seen, LONDON).getJsonObject("counsellors"));
        assertEquals(counsellors(1, 1, 1, 2), seen.getJsonObject("counsellors"));
        assertEquals(1, association(seen, NATIONAL).getInteger("activeChats"));

        JsonObject chat = seen.getJsonArray("active").getJsonObject(0);
        assertEquals(answered.conversation(), chat.getString("conversation"));
        assertEquals(NATIONAL, chat.getString("association"));
        assertEquals("Counsellor dash.national", chat.getString("counsellor"));
        assertEquals("standard", chat.getString("priority"));
        assertEquals("connection_lost", chat.getString("visitorAway"));
        assertTrue(chat.getLong("durationSeconds") >= 0 && chat.getLong("waitedSeconds") >= 0);

        JsonObject level = seen.getJsonObject("serviceLevel");
        assertEquals(60, level.getInteger("targetSeconds"));
        for (String window : List.of("lastHour", "today")) {
            JsonObject counts = level.getJsonObject(window);
            assertEquals(1, counts.getInteger("answered"), window);
            assertEquals(1, counts.getInteger("answeredInTime"), window);
            assertEquals(100, counts.getInteger("percent"), window);
        }
        assertEquals(today, level.getJsonObject("today").getString("day"));
        JsonObject outcomes = seen.getJsonObject("outcomes");
        assertEquals(today, outcomes.getString("day"));
        assertEquals(3, outcomes.getJsonObject("tags").getInteger("shelter-needed"), "read from Redis");
        assertEquals(new JsonObject().put("answered", 0).put("redirected", 0).put("left_after_alternative", 0)
                .put("left_without_alternative", 0), outcomes.getJsonObject("system"));

        waiting.end();
        answered.end();
        JsonObject ended = dashboard(supervisor, "both chats ended",
                frame -> frame.getJsonObject("outcomes").getJsonObject("system").getInteger("answered") == 1
                        && frame.getJsonObject("outcomes").getJsonObject("system")
                        .getInteger("left_after_alternative") == 1
                        // the queue's figure comes from the node's copy of the queue, which may lag a frame behind
                        && frame.getJsonObject("waiting").getInteger("total") == 0);
        assertEquals(0, ended.getJsonObject("waiting").getInteger("total"));
        assertEquals(0, ended.getInteger("activeTotal"));
        JsonObject lastHour = ended.getJsonObject("serviceLevel").getJsonObject("lastHour");
        assertEquals(1, lastHour.getInteger("unanswered"), "the visitor who left without an answer");
        assertEquals(0, lastHour.getInteger("unansweredLate"), "left before the target: nobody's failure");
        assertEquals(100, lastHour.getInteger("percent"));

        TestSocket elsewhere = supervisor(1);
        JsonArray history = elsewhere.next("welcome").getJsonArray("history");
        assertTrue(anyPoint(history, point -> point.getInteger("answered") == 1
                        && point.getInteger("averageWaitSeconds") != null),
                "the other node has the same history: " + history);
        assertTrue(anyPoint(history, DashboardIT::sawWaiting), "with the queue samples: " + history);
        assertTrue(history.stream().map(JsonObject.class::cast).allMatch(point -> point.getLong("at") % 60_000 == 0),
                "one point a minute");
        elsewhere.next("dashboard");
    }

    @Test
    void aSupervisorWhoLeavesDoesNotStopTheOthersDashboard() {
        TestSocket leaving = supervisor(0);
        leaving.next("welcome");
        TestSocket staying = supervisor(0);
        staying.next("welcome");
        leaving.close();
        staying.drain("dashboard");
        staying.next("dashboard");
        staying.next("dashboard");
        staying.assertServed();
        assertNull(staying.all("error", Duration.ZERO).stream().findFirst().orElse(null), "no error frame");
    }

    @Test
    void theDashboardNeedsASupervisorAccount() {
        TestSocket counsellor = helpline.socket(0, "/ws/supervisor");
        counsellor.send(new JsonObject().put("type", "auth").put("token", helpline.login(0, "dash.lille",
                TestConfig.PASSWORD)));
        counsellor.error("not_supervisor");
        TestSocket supervisor = supervisor(0);
        supervisor.next("welcome");
        supervisor.take("dashboard", 2); // its opening frame, then a push: the node pushes to all its watchers at once
        assertTrue(counsellor.all("dashboard", TestSocket.QUIET).isEmpty(), "no dashboard for a counsellor");
    }
}
