package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.helpline.support.TempDirectories;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Escalation and overflow end to end: danger alerts and priority, hotlines offered when nobody can answer, outcomes,
 * counsellor escalation through a signed and retried webhook, location only after consent, directory search and
 * reload.
 */
class EscalationIT {
    private static final String SECRET = "test-webhook-secret-0123456789";
    private static final Vertx RECEIVER_VERTX = Vertx.vertx();
    private static final List<JsonObject> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    /** How long the receiver takes to fail a first attempt (the webhook waits 5 s for an answer). */
    private static final Duration FAILED_ATTEMPT = Duration.ofMillis(1_500);
    /**
     * A shelter line of the Nord, closed while the class runs ({@link #closedLine}), in the class's copy of the shipped
     * directory: the nodes start with the shipped one, so it is served after a reload.
     */
    private static final String CLOSED_LINE = "test-59-shelter";
    private static final HttpServer RECEIVER = startReceiver();
    private static final Path CONFIG = copyOfShippedConfig();

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    /**
     * A webhook receiver that fails the first attempt of each delivery, {@link #FAILED_ATTEMPT} after it came, and
     * checks every signature.
     */
    private static HttpServer startReceiver() {
        return Waits.await(RECEIVER_VERTX.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> {
            String timestamp = request.getHeader(EscalationWebhook.TIMESTAMP);
            String expected = "sha256=" + EscalationWebhook.sign(SECRET, timestamp, body);
            boolean valid = expected.equals(request.getHeader(EscalationWebhook.SIGNATURE));
            if (ATTEMPTS.incrementAndGet() % 2 == 1) { // slowly, so that the test sees the delivery pending
                RECEIVER_VERTX.setTimer(FAILED_ATTEMPT.toMillis(), id -> request.response().setStatusCode(503).end());
                return;
            }
            DELIVERIES.add(new JsonObject().put("valid", valid).put("body", new JsonObject(body))
                    .put("delivery", request.getHeader(EscalationWebhook.DELIVERY)));
            request.response().setStatusCode(204).end();
        })).listen(0));
    }

    private static Path copyOfShippedConfig() {
        try {
            Path copy = Files.createTempDirectory("helpline-config");
            try (var files = Files.list(TestConfig.shippedDirectory())) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(copy.resolve("directory.yaml"), closedLine(), StandardOpenOption.APPEND);
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@link #CLOSED_LINE}, in YAML to append to the directory's hotlines: open one hour, three days from today
     * (UTC), so closed for days from now on (a directory refuses hours that never open).
     */
    private static String closedLine() {
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek().name().toLowerCase(Locale.ROOT);
        return String.join("\n", "", "  - id: " + CLOSED_LINE, "    name: \"Test shelter of the Nord\"",
                "    country: FR", "    numbers: [{number: \"0300000000\", channel: voice}]", "    openingHours:",
                "      timeZone: UTC", "      " + day + ": [\"10:00-11:00\"]", "    topics: [shelter]",
                "    regions: [\"59\"]", "    languages: [fr]", "    audience: [victims]", "");
    }

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(TestConfig.association("test-open", RoutingMode.DIRECT, false, Set.of("open-area")));
        associations.add(new Association("test-closed", "Closed", TestConfig.ALL_TOPICS, Set.of("closed-area"),
                Set.of("fr", "en"), OpeningHours.weekly(ZoneId.of("UTC"), Map.of()), 3,
                RoutingMode.DIRECT, false));
        List<Counsellor> counsellors = List.of(TestConfig.counsellor("esc.open", 3, "test-open"),
                TestConfig.counsellor("esc.one", 1, "test-open"),
                TestConfig.counsellor("esc.closed", 3, "test-closed"),
                new Counsellor("esc.supervisor", "Sam", "test-open", Set.of("fr"), Set.of(), 1,
                        TestConfig.counsellor("x", 1).passwordHash(), true, false));
        return ConfigBuilder.from(base).directory(CONFIG).associations(associations).counsellors(counsellors)
                .steps(new RoutingStep("region-only", Set.of(Criterion.REGION), Duration.ZERO))
                .webhook("http://localhost:" + RECEIVER.actualPort() + "/hook", SECRET, 4, Duration.ofMillis(200))
                .build();
    }

    @AfterAll
    static void stopReceiver() {
        try {
            Waits.await(RECEIVER_VERTX.close());
        } finally {
            TempDirectories.delete(CONFIG);
        }
    }

    private TestSocket supervisor(int node) {
        return helpline.supervisor(node, "esc.supervisor", TestConfig.PASSWORD);
    }

    private static JsonObject area(String region) {
        return new JsonObject().put("region", region).put("language", "fr");
    }

    @Test
    void dangerAlertsSupervisorsOnEveryNodeAndJumpsTheQueue() {
        TestSocket supervisor = supervisor(1);
        Helpline.Visitor first = helpline.visitor(0, area("open-area"));
        Helpline.Visitor second = helpline.visitor(0, area("open-area"));
        assertEquals(2, second.socket().next("queue").getLong("position"));
        second.socket().send(new JsonObject().put("type", "danger"));
        JsonObject alert = supervisor.next("alert");
        assertEquals("danger", alert.getString("kind"));
        assertEquals(second.conversation(), alert.getString("conversation"));
        JsonObject emergency = second.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "danger".equals(f.getString("reason")), "the emergency numbers again");
        assertTrue(emergency.getJsonArray("emergency").size() > 0);
        assertEquals(1, second.socket().take(f -> "queue".equals(f.getString("type"))
                && f.getLong("position") == 1, "the first place").getLong("position"));

        Helpline.Visitor third = helpline.visitor(1, area("open-area").put("inDanger", true));
        assertEquals(third.conversation(), supervisor.take(f -> "alert".equals(f.getString("type"))
                && third.conversation().equals(f.getString("conversation")), "a danger start alert")
                .getString("conversation"));
        // one place: with three, the three chats are assigned within a millisecond, and a console may be told of
        // them in another order (each assignment's case file is read before it is shown)
        TestSocket counsellor = helpline.availableConsole(0, "esc.one", TestConfig.PASSWORD);
        assertEquals(second.conversation(), counsellor.next("assigned").getString("conversation"),
                "danger first (arrived first in danger)");
        counsellor.send(new JsonObject().put("type", "status").put("status", "away"));
        counsellor.next("status");
        first.end();
        second.end();
        third.end();
    }

    @Test
    void nobodyToAnswerOrClosedMeansTheOpenHotlinesAreOfferedAndOutcomesAreCounted() {
        Helpline.Visitor waiting = helpline.visitor(0, area("open-area").put("topic", "shelter"));
        JsonObject first = waiting.socket().next("alternatives");
        assertEquals("waiting", first.getString("reason"));
        assertTrue(first.getJsonArray("hotlines").size() > 0, "open lines shown at once");
        assertTrue(first.getJsonArray("emergency").size() > 0, "emergency numbers shown");
        JsonObject overflow = waiting.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "no_counsellor".equals(f.getString("reason")), "alternatives because nobody is online");
        assertTrue(overflow.getJsonArray("hotlines").stream().map(h -> ((JsonObject) h).getBoolean("openNow"))
                .allMatch(Boolean.TRUE::equals), "only lines open now");

        Helpline.Visitor closed = helpline.visitor(1, area("closed-area"));
        closed.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "closed".equals(f.getString("reason")), "alternatives because the association is closed");

        String hotline = first.getJsonArray("hotlines").getJsonObject(0).getString("id");
        closed.socket().send(new JsonObject().put("type", "took_alternative").put("hotline", hotline));
        closed.socket().assertServed();
        String before = helpline.get(0, "/metrics").body();
        waiting.end();
        closed.end();
        // counted by each node once its end script answers, which may be just after the visitor's ended frame
        Waits.until(() -> counter(helpline.get(0, "/metrics").body(), "left_after_alternative")
                > counter(before, "left_after_alternative"), 10, "the waiting visitor's end counted");
        Waits.until(() -> counter(helpline.get(0, "/metrics").body(), "redirected")
                + counter(helpline.get(1, "/metrics").body(), "redirected") >= 1, 10, "the redirected end counted");
        assertEquals(0.0, counter(helpline.get(0, "/metrics").body(), "left_without_alternative"),
                "nobody left without an alternative");
        assertEquals(0.0, counter(helpline.get(1, "/metrics").body(), "left_without_alternative"));
    }

    /** The script is in the chat's language: her page's when she chose none (shipped scripts: "Suggest ..."). */
    @Test
    void theScriptIsInTheChatsLanguageHerPagesWhenSheChoseNone() {
        TestSocket counsellor = helpline.availableConsole(1, "esc.open", TestConfig.PASSWORD);
        TestSocket visitor = helpline.socket(0, "/ws/visitor");
        visitor.send(new JsonObject().put("type", "start").put("triage", new JsonObject().put("region", "open-area"))
                .put("pageLanguage", "en"));
        visitor.next("started");
        String conversation = counsellor.next("assigned").getString("conversation");
        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "fr-115"));
        JsonObject shown = counsellor.next("escalation");
        assertTrue(shown.getString("script").startsWith("Suggest "), shown.getString("script"));
        awaitDelivery(shown.getString("escalation")); // its webhook's failed first attempt and retry over
        visitor.send(new JsonObject().put("type", "end"));
        visitor.next("ended");
    }

    @Test
    void aVisitorNobodyOpenMayAnswerIsGivenNoWaitEstimate() {
        TestSocket console = helpline.availableConsole(0, "esc.open", TestConfig.PASSWORD);
        Helpline.Visitor answered = helpline.visitor(0, area("open-area"));
        console.take(f -> "assigned".equals(f.getString("type"))
                && answered.conversation().equals(f.getString("conversation")), "a chat taken: the queue's pace");

        Helpline.Visitor closed = helpline.visitor(0, area("closed-area"));
        closed.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "closed".equals(f.getString("reason")), "alternatives because the association is closed");
        JsonObject queue = closed.socket().take(f -> "queue".equals(f.getString("type"))
                && f.getBoolean("counsellorsOnline"), "her place, someone online");
        assertNull(queue.getValue("estimatedWaitSeconds"), "the others' pace says nothing of when someone comes");
        answered.end();
        closed.end();
    }

    private static double counter(String metrics, String outcome) {
        return metrics.lines().filter(line -> line.startsWith("helpline_conversations_ended_total{outcome=\""
                        + outcome + "\"}")).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ')
                        + 1))).sum();
    }

    @Test
    void aCounsellorEscalatesThroughASignedRetriedWebhookAndLocationOnlyAfterConsent() {
        TestSocket supervisor = supervisor(0);
        TestSocket counsellor = helpline.availableConsole(1, "esc.open", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, area("open-area").put("childrenInvolved", true));
        String conversation = counsellor.next("assigned").getString("conversation");

        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "emergency").put("include", new JsonObject().put("location", true)));
        assertEquals("escalate", counsellor.error("country_unknown").getString("ref"),
                "her region names no country, and the directory has two: never another country's police");
        assertTrue(supervisor.all("alert", TestSocket.QUIET).isEmpty(), "nothing escalated");
        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "fr-police-17").put("include", new JsonObject().put("location", true)));
        JsonObject shown = counsellor.next("escalation");
        assertEquals("emergency", shown.getString("kind"), "an emergency number chosen by its id");
        assertTrue(shown.getString("script").contains(shown.getJsonObject("target").getJsonArray("numbers")
                .getJsonObject(0).getString("number")));
        assertFalse(shown.getBoolean("locationIncluded"), "nothing shared yet");
        assertEquals("escalation", supervisor.next("alert").getString("kind"));
        assertEquals("pending", recorded(shown.getString("escalation")).getString("webhook"),
                "recorded while its webhook is still being tried");
        JsonObject delivered = awaitDelivery(shown.getString("escalation"));
        Waits.until(() -> recorded(shown.getString("escalation")).getString("webhook"), "delivered"::equals, 10,
                "the outcome written into the record");
        assertNull(helpline.inRedis(redis -> redis.zscore("hl:deadlines", "escalation|" + shown.getString(
                "escalation"))), "the outcome cancelled the escalation's deadline");
        assertEquals(1, helpline.inRedis(redis -> redis.lrange("hl:escalations", 0, -1)).stream()
                .filter(entry -> entry.contains(shown.getString("escalation"))).count(), "recorded once");
        assertTrue(delivered.getBoolean("valid"), "the signature verifies");
        assertFalse(delivered.getJsonObject("body").containsKey("location"), "no location without consent");
        assertFalse(delivered.getJsonObject("body").containsKey("triage"), "only what the counsellor included");
        assertTrue(ATTEMPTS.get() >= 2, "the failed first attempt was retried");

        counsellor.send(new JsonObject().put("type", "request_location").put("conversation", conversation));
        visitor.socket().next("location_request");
        visitor.socket().send(new JsonObject().put("type", "share_location").put("location", "12 rue des Lilas"));
        assertEquals("12 rue des Lilas", counsellor.next("location_shared").getString("location"));
        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "fr-115").put("include", new JsonObject().put("location", true).put("triage", true)));
        JsonObject second = counsellor.next("escalation");
        assertEquals("service", second.getString("kind"));
        JsonObject body = awaitDelivery(second.getString("escalation")).getJsonObject("body");
        assertEquals("12 rue des Lilas", body.getString("location"));
        assertTrue(body.getJsonObject("triage").getBoolean("childrenInvolved"));
        assertEquals("fr-115", body.getJsonObject("target").getString("id"));

        counsellor.send(new JsonObject().put("type", "directory").put("conversation", conversation)
                .put("search", "s-1"));
        JsonObject answer = counsellor.next("directory");
        assertEquals("s-1", answer.getString("search"), "the search's id given back");
        assertTrue(answer.getJsonArray("hotlines").size() > 0);
        counsellor.send(new JsonObject().put("type", "directory").put("region", "not a region").put("search", "s-2"));
        JsonObject refused = counsellor.error("invalid");
        assertEquals("s-2", refused.getString("search"), "an error about a search gives its id back too");
        assertEquals("region", refused.getString("field"), "named as in the directory frame, not triage.region");
        counsellor.send(new JsonObject().put("type", "directory").put("role", "boss"));
        JsonObject role = counsellor.error("invalid");
        assertEquals("role", role.getString("field"));
        assertTrue(role.getString("message").startsWith("role must be"), role.encode());
        counsellor.send(new JsonObject().put("type", "directory").put("language", "French"));
        JsonObject language = counsellor.error("invalid");
        assertEquals("language", language.getString("field"));
        assertTrue(language.getString("message").startsWith("language must be"), language.encode());
        counsellor.send(new JsonObject().put("type", "directory").put("search", "has spaces"));
        assertEquals("search", counsellor.error("invalid").getString("field"));
        counsellor.send(new JsonObject().put("type", "status").put("status", "away"));
        counsellor.next("status");
        visitor.end();
    }

    /**
     * Her console reconnected before the answer came and she pressed again: the same clientId is the same escalation,
     * answered again with its number, but not a second call of the webhook nor a second alert.
     */
    @Test
    void anEscalationSentAgainWithItsClientIdIsMadeOnce() {
        TestSocket supervisor = supervisor(1);
        TestSocket counsellor = helpline.availableConsole(0, "esc.one", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, area("open-area"));
        String conversation = counsellor.next("assigned").getString("conversation");
        JsonObject escalate = new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "fr-police-17").put("clientId", "esc-once-1");
        counsellor.send(escalate);
        JsonObject answer = counsellor.next("escalation");
        assertEquals("esc-once-1", answer.getString("clientId"), "the answer names what it answers");
        String first = answer.getString("escalation");
        counsellor.send(escalate.copy());
        assertEquals(first, counsellor.next("escalation").getString("escalation"), "the same escalation");
        awaitDelivery(first);
        assertEquals(first, supervisor.next("alert").getString("escalation"));
        assertTrue(supervisor.all("alert", Duration.ofSeconds(2)).stream()
                .noneMatch(alert -> first.equals(alert.getString("escalation"))), "alerted once");
        assertEquals(1, DELIVERIES.stream().filter(delivery -> first.equals(delivery.getString("delivery"))).count(),
                "the webhook called once");
        counsellor.send(new JsonObject().put("type", "status").put("status", "away"));
        counsellor.next("status");
        visitor.end();
    }

    /**
     * She gave her address and left: the counsellor who held the chat when it ended still escalates it (number,
     * webhook, alert) and searches the directory by its need; nobody else can.
     */
    @Test
    void theCounsellorWhoHeldAnEndedChatStillEscalatesIt() {
        TestSocket supervisor = supervisor(1);
        TestSocket counsellor = helpline.availableConsole(0, "esc.one", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, area("open-area"));
        String conversation = counsellor.next("assigned").getString("conversation");
        visitor.end();
        counsellor.take(f -> "ended".equals(f.getString("type")), "the end");

        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "fr-police-17"));
        String escalation = counsellor.next("escalation").getString("escalation");
        awaitDelivery(escalation);
        assertEquals(escalation, supervisor.next("alert").getString("escalation"));
        Waits.until(() -> helpline.inRedis(redis -> redis.hget(Keys.conversation(conversation), "escalations")),
                kept -> kept != null && kept.contains(escalation), 10, "kept with the ended chat");
        counsellor.send(new JsonObject().put("type", "directory").put("conversation", conversation));
        assertFalse(counsellor.next("directory").getJsonArray("emergency").isEmpty());

        TestSocket other = helpline.console(1, "esc.open", TestConfig.PASSWORD);
        other.send(new JsonObject().put("type", "escalate").put("conversation", conversation)
                .put("target", "fr-police-17"));
        assertEquals("not_assigned", other.next("error").getString("code"));
        other.send(new JsonObject().put("type", "directory").put("conversation", conversation));
        assertEquals("not_assigned", other.next("error").getString("code"));
        counsellor.send(new JsonObject().put("type", "status").put("status", "away"));
        counsellor.next("status");
    }

    /** The escalation's entry in the escalation record, as soon as it is there. */
    private static JsonObject recorded(String escalation) {
        return Waits.until(() -> helpline.inRedis(redis -> redis.lrange("hl:escalations", 0, -1)).stream()
                        .map(JsonObject::new).filter(entry -> escalation.equals(entry.getString("id"))).findFirst(),
                Optional::isPresent, 10, "escalation " + escalation + " in the record").orElseThrow();
    }

    private static JsonObject awaitDelivery(String escalation) {
        return Waits.until(() -> DELIVERIES.stream().filter(delivery -> escalation.equals(
                        delivery.getString("delivery"))).findFirst(), Optional::isPresent, 10,
                "the delivery of escalation " + escalation).orElseThrow();
    }

    /**
     * "Include closed lines" in the console: a search with {@code openNow} false keeps its topic, region and language,
     * and lists the lines that fit them, closed or not, each saying whether it is open now; the emergency numbers of
     * the region's country apart, as always. Without {@code openNow} false, the same search leaves the closed out.
     */
    @Test
    void aSearchOfClosedLinesTooKeepsItsTopicRegionAndLanguage() {
        assertEquals(200, reload(helpline.login(0, "esc.supervisor", TestConfig.PASSWORD)).statusCode(),
                "node 0 serves the class's copy of the directory, with its closed line");
        TestSocket counsellor = helpline.console(0, "esc.open", TestConfig.PASSWORD);
        counsellor.send(new JsonObject().put("type", "directory").put("topic", "shelter").put("region", "59")
                .put("openNow", false).put("search", "closed-too"));
        JsonObject shelters = counsellor.next("directory");
        assertEquals("closed-too", shelters.getString("search"));
        JsonArray found = shelters.getJsonArray("hotlines");
        assertEquals(List.of(CLOSED_LINE, "fr-115", "fr-3919"), ids(found),
                "the Nord's own line first, then the national ones for shelter, nothing else: " + found.encode());
        assertEquals(List.of(false, true, true), found.stream().map(h -> ((JsonObject) h).getBoolean("openNow"))
                .toList(), "the closed line says so");
        JsonArray emergency = shelters.getJsonArray("emergency");
        assertFalse(emergency.isEmpty());
        assertTrue(emergency.stream().map(h -> ((JsonObject) h).getString("country")).allMatch("FR"::equals),
                emergency.encode());

        counsellor.send(new JsonObject().put("type", "directory").put("topic", "shelter").put("region", "59"));
        assertEquals(List.of("fr-115", "fr-3919"), ids(counsellor.next("directory").getJsonArray("hotlines")),
                "open now: the closed line left out");
        counsellor.send(new JsonObject().put("type", "directory").put("region", "london").put("language", "en")
                .put("openNow", false));
        assertEquals(List.of("gb-101", "gb-national-da-helpline"),
                ids(counsellor.next("directory").getJsonArray("hotlines")), "the London lines in English, no other");
    }

    private static List<String> ids(JsonArray hotlines) {
        return hotlines.stream().map(h -> ((JsonObject) h).getString("id")).toList();
    }

    @Test
    void aReloadSwapsTheDirectoryAtOnceAndABrokenFileKeepsTheOldOne() throws Exception {
        String token = helpline.login(0, "esc.supervisor", TestConfig.PASSWORD);
        Path file = CONFIG.resolve("directory.yaml");
        String original = Files.readString(file);
        TestSocket counsellor = helpline.console(0, "esc.open", TestConfig.PASSWORD);
        try {
            Files.writeString(file, original.replace("name: \"3919 - Violences Femmes Info\"",
                    "name: \"3919 - Violences Femmes Info (reloaded)\""));
            var reloaded = reload(token);
            assertEquals(200, reloaded.statusCode(), reloaded.body());
            Files.writeString(file, original);
            for (int round = 0; round < 4; round++) {
                CompletableFuture<HttpResponse<String>> swap = CompletableFuture.supplyAsync(() -> reload(token));
                for (int query = 0; query < 3; query++) {
                    counsellor.send(new JsonObject().put("type", "directory").put("language", "fr")
                            .put("openNow", false));
                    JsonArray hotlines = counsellor.next("directory").getJsonArray("hotlines");
                    long named = hotlines.stream().map(h -> ((JsonObject) h).getString("name"))
                            .filter(name -> name.startsWith("3919")).count();
                    assertEquals(1, named, "one whole directory at a time");
                }
                assertEquals(200, swap.get().statusCode());
            }
            Files.writeString(file, original.replace("channel: voice", "channel: pigeon"));
            var rejected = reload(token);
            assertEquals(422, rejected.statusCode());
            assertTrue(rejected.body().contains("channel"), rejected.body());
            counsellor.send(new JsonObject().put("type", "directory").put("openNow", false));
            assertTrue(counsellor.next("directory").getJsonArray("hotlines").size() > 5, "the old one stays");
            assertEquals(401, helpline.post(0, "/api/admin/directory/reload", "").statusCode(), "no token");
            assertEquals(403, reload(helpline.login(0, "esc.open", TestConfig.PASSWORD)).statusCode(),
                    "a counsellor who is not a supervisor");
        } finally {
            Files.writeString(file, original);
        }
    }

    private static HttpResponse<String> reload(String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + helpline.port(0) + "/api/admin/directory/reload"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
