package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.RoutingMode;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a counsellor hands over and how they choose where, over real sockets: a transfer carries the risk checklist,
 * escalations, the shared location and the notes to the receiver's console; the transfer picker lists associations
 * and counsellors with their free places as they change; the visitor page's language reaches the console; a wrap-up
 * holds new chats after one ends; away reasons are recorded, checked and shown to supervisors. A colleague away with
 * her console open and a free place is listed (as away) and can be given the chat.
 */
class ConsoleHandoverIT {
    private static final String HANDOVER = "test-handover";
    private static final Duration WRAP_UP = Duration.ofSeconds(3);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(
                TestConfig.counsellor("handover.from", 2),
                TestConfig.counsellor("handover.to", 2),
                TestConfig.counsellor("picker.a", 2),
                TestConfig.counsellor("picker.b", 2, HANDOVER),
                TestConfig.counsellor("wrap.w", 3),
                TestConfig.counsellor("wrap.q", 1),
                TestConfig.counsellor("away.x", 2),
                TestConfig.counsellor("away.y", 2),
                TestConfig.counsellor("asked.from", 2),
                TestConfig.counsellor("asked.to", 1),
                TestConfig.counsellor("asked.gone", 2),
                TestConfig.supervisor("away.boss"));
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(TestConfig.association(HANDOVER, RoutingMode.DIRECT, false, Set.of("handover-region")));
        return ConfigBuilder.from(base).quickTimers().associations(associations).wrapUp(WRAP_UP).build();
    }

    private static JsonObject frame(String type, String conversation) {
        return new JsonObject().put("type", type).put("conversation", conversation);
    }

    private static void setStatus(TestSocket console, String status) {
        console.send(new JsonObject().put("type", "status").put("status", status));
        console.next("status");
    }

    private static Optional<JsonObject> entry(JsonArray list, String id) {
        return list.stream().map(JsonObject.class::cast).filter(item -> id.equals(item.getString("id"))).findFirst();
    }

    /** The welcome frame of another console of this counsellor. */
    private static JsonObject welcome(int node, String counsellorId) {
        return helpline.socket(node, "/ws/console").send(new JsonObject().put("type", "auth")
                .put("token", helpline.login(node, counsellorId, TestConfig.PASSWORD))).next("welcome");
    }

    private static JsonObject targets(TestSocket console) {
        console.send(new JsonObject().put("type", "transfer_targets"));
        return console.next("transfer_targets");
    }

    @Test
    void aTransferCarriesTheRiskTheEscalationsTheLocationAndTheNotes() {
        TestSocket from = helpline.availableConsole(0, "handover.from", TestConfig.PASSWORD);
        TestSocket visitor = helpline.socket(1, "/ws/visitor");
        visitor.send(new JsonObject().put("type", "start").put("pageLanguage", "fr")
                .put("triage", new JsonObject().put("role", "victim")));
        visitor.next("started");
        JsonObject assigned = from.next("assigned");
        String conversation = assigned.getString("conversation");
        assertEquals("fr", assigned.getString("pageLanguage"), "the page's language, apart from the triage");
        assertFalse(assigned.getJsonObject("triage").containsKey("language"), "the visitor left language unspecified");

        from.send(frame("request_location", conversation));
        visitor.next("location_request");
        visitor.send(new JsonObject().put("type", "share_location").put("location", "12 rue des Lilas, Lille"));
        from.next("location_shared");
        from.send(frame("risk", conversation).put("answers", new JsonObject().put("injured", true)
                .put("strangulation", true)));
        assertEquals("high", from.next("risk").getString("level"));
        from.send(frame("note", conversation).put("text", "Une voisine peut garder les enfants"));
        from.next("note");
        from.send(frame("escalate", conversation).put("target", "fr-police-17")
                .put("include", new JsonObject().put("location", true)));
        JsonObject escalation = from.next("escalation");

        TestSocket to = helpline.console(1, "handover.to", TestConfig.PASSWORD);
        setStatus(from, "away");
        from.send(frame("transfer", conversation).put("toCounsellor", "handover.to")
                .put("note", "Escalated to the police; she is at a neighbour's"));
        assertEquals("transferred", from.next("released").getString("reason"));

        JsonObject received = to.next("assigned");
        assertEquals(conversation, received.getString("conversation"));
        assertEquals("high", received.getJsonObject("risk").getString("level"));
        assertTrue(received.getJsonObject("risk").getJsonObject("answers").getBoolean("strangulation"));
        assertTrue(received.getJsonObject("risk").getJsonObject("answers").getBoolean("injured"));
        JsonArray escalations = received.getJsonArray("escalations");
        assertEquals(1, escalations.size());
        JsonObject kept = escalations.getJsonObject(0);
        assertEquals(escalation.getString("escalation"), kept.getString("escalation"));
        assertEquals("emergency", kept.getString("kind"));
        assertEquals(escalation.getJsonObject("target").getString("name"), kept.getString("targetName"));
        assertEquals("Counsellor handover.from", kept.getString("from"));
        assertTrue(kept.getBoolean("locationIncluded"));
        assertEquals("12 rue des Lilas, Lille", received.getString("location"));
        JsonArray notes = received.getJsonArray("notes");
        assertEquals(List.of("Une voisine peut garder les enfants", "Escalated to the police; she is at a neighbour's"),
                notes.stream().map(note -> ((JsonObject) note).getString("text")).toList());
        assertEquals("fr", received.getString("pageLanguage"));
        assertTrue(visitor.frames(TestSocket.QUIET).stream().map(JsonObject::encode)
                .noneMatch(f -> f.contains("voisine") || f.contains("strangulation") || f.contains("Escalated")),
                "notes, risk answers and escalations never reach the visitor");

        String hash = Keys.conversation(conversation);
        assertEquals("2", helpline.inRedis(redis -> redis.hget(hash, "notesCount")), "a transfer's note is a note");
        helpline.inRedis(redis -> redis.hset(hash, "notesCount", String.valueOf(CaseRecordStore.MAX_NOTES)));
        to.send(frame("transfer", conversation).put("toCounsellor", "handover.from").put("note", "one too many"));
        assertEquals("note", to.error("invalid").getString("field"), "a note the full record cannot keep");
        assertEquals("handover.to", helpline.inRedis(redis -> redis.hget(hash, "counsellor")), "nothing moved");
        assertEquals(Long.valueOf(2), helpline.<Long>inRedis(redis -> redis.llen(Keys.notes(conversation))));
        to.send(frame("transfer", conversation).put("toCounsellor", "handover.from"));
        assertEquals("transferred", to.next("released").getString("reason"), "without a note it moves");
        assertEquals(conversation, from.next("assigned").getString("conversation"));

        TestSocket wrong = helpline.socket(0, "/ws/visitor");
        wrong.send(new JsonObject().put("type", "start").put("pageLanguage", "French!"));
        assertEquals("pageLanguage", wrong.error("invalid").getString("field"));
        wrong.send(new JsonObject().put("type", "start").put("pageLanguage", "en"));
        wrong.next("started"); // the refused start left the socket free to start
        wrong.send(new JsonObject().put("type", "end"));
        wrong.next("ended");
        from.send(frame("end", conversation));
        from.next("ended");
    }

    @Test
    void thePickerShowsAssociationsAndCounsellorsWithTheirFreePlacesAsTheyChange() {
        TestSocket a = helpline.availableConsole(0, "picker.a", TestConfig.PASSWORD);
        TestSocket b = helpline.console(1, "picker.b", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(a, new JsonObject());
        JsonObject away = targets(a);
        JsonObject awayB = entry(away.getJsonArray("counsellors"), "picker.b").orElseThrow();
        assertEquals("away", awayB.getString("status"), "away with her console open: listed, as away");
        assertEquals(2, awayB.getInteger("freePlaces"));
        JsonObject association = entry(away.getJsonArray("associations"), HANDOVER).orElseThrow();
        assertEquals(0, association.getInteger("freePlaces"), "an association's places are those of available ones");
        assertEquals("Test association " + HANDOVER, association.getString("name"));
        assertTrue(association.getBoolean("open"));

        setStatus(b, "available");
        JsonObject free = targets(a);
        JsonObject counsellor = entry(free.getJsonArray("counsellors"), "picker.b").orElseThrow();
        assertEquals("available", counsellor.getString("status"));
        assertEquals(2, counsellor.getInteger("freePlaces"));
        assertEquals("Counsellor picker.b", counsellor.getString("name"));
        assertEquals(HANDOVER, counsellor.getString("association"));
        assertEquals("Test association " + HANDOVER, counsellor.getString("associationName"));
        assertFalse(counsellor.getBoolean("wrappingUp"));
        assertEquals(2, entry(free.getJsonArray("associations"), HANDOVER).orElseThrow().getInteger("freePlaces"));
        assertTrue(entry(free.getJsonArray("counsellors"), "picker.a").isEmpty(), "not oneself");

        setStatus(a, "away");
        a.send(frame("transfer", visitor.conversation()).put("toAssociation", HANDOVER));
        a.next("released");
        b.next("assigned");
        setStatus(a, "available");
        JsonObject oneTaken = targets(a);
        assertEquals(1, entry(oneTaken.getJsonArray("counsellors"), "picker.b").orElseThrow()
                .getInteger("freePlaces"));
        assertEquals(1, entry(oneTaken.getJsonArray("associations"), HANDOVER).orElseThrow()
                .getInteger("freePlaces"));
        setStatus(b, "away");
        JsonObject awayAgain = targets(a);
        assertEquals("away", entry(awayAgain.getJsonArray("counsellors"), "picker.b").orElseThrow()
                .getString("status"), "away with a place left");
        assertEquals(0, entry(awayAgain.getJsonArray("associations"), HANDOVER).orElseThrow()
                .getInteger("freePlaces"));
        setStatus(a, "away");
        visitor.end();
    }

    /**
     * The colleague she asked is away (a break) with her console open: the picker lists her, as away, since a transfer
     * by name needs only her console and a free place; a colleague whose console closed is not listed; once the chat
     * fills her last place, away and full, she is no target.
     */
    @Test
    void anAwayColleagueWithHerConsoleOpenIsListedAsAwayAndCanBeGivenTheChat() {
        TestSocket from = helpline.availableConsole(0, "asked.from", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(from, new JsonObject());
        TestSocket to = helpline.console(1, "asked.to", TestConfig.PASSWORD);
        to.send(new JsonObject().put("type", "status").put("status", "away").put("awayReason", "break"));
        assertEquals("break", to.next("status").getString("awayReason"));
        TestSocket gone = helpline.console(0, "asked.gone", TestConfig.PASSWORD);
        gone.close();
        Waits.until(() -> helpline.inRedis(redis -> redis.zcard(Keys.consoles("asked.gone"))) == 0, 10,
                "the closed console's lease gone");

        JsonArray counsellors = targets(from).getJsonArray("counsellors");
        JsonObject asked = entry(counsellors, "asked.to").orElseThrow(() -> new AssertionError(
                "the away colleague with a console is listed: " + counsellors.encode()));
        assertEquals("away", asked.getString("status"));
        assertEquals(1, asked.getInteger("freePlaces"));
        assertEquals("Counsellor asked.to", asked.getString("name"));
        assertEquals(TestConfig.DIRECT, asked.getString("association"));
        assertFalse(asked.getBoolean("wrappingUp"));
        assertTrue(entry(counsellors, "asked.gone").isEmpty(), "no live console, not listed: " + counsellors.encode());

        from.send(frame("transfer", visitor.conversation()).put("toCounsellor", "asked.to")
                .put("note", "She agreed to take it on her break"));
        assertEquals("transferred", from.next("released").getString("reason"));
        JsonObject received = to.next("assigned");
        assertEquals(visitor.conversation(), received.getString("conversation"));
        assertEquals(List.of("She agreed to take it on her break"), received.getJsonArray("notes").stream()
                .map(note -> ((JsonObject) note).getString("text")).toList());
        assertEquals("Counsellor asked.to", visitor.socket().next("transferred").getJsonObject("counsellor")
                .getString("name"));
        assertTrue(entry(targets(from).getJsonArray("counsellors"), "asked.to").isEmpty(),
                "away and full: no target");

        to.send(frame("end", visitor.conversation()));
        to.next("ended");
        setStatus(from, "away");
    }

    @Test
    void aWrapUpHoldsNewChatsUntilItRunsOutOrTheCounsellorIsReady() {
        TestSocket w = helpline.availableConsole(0, "wrap.w", TestConfig.PASSWORD);
        Helpline.Visitor first = helpline.assignedVisitor(w, new JsonObject());
        w.send(frame("end", first.conversation()));
        w.next("ended");
        long ended = System.nanoTime();
        JsonObject welcome = welcome(1, "wrap.w");
        assertEquals(WRAP_UP.toSeconds(), welcome.getLong("wrapUpSeconds"));
        long left = welcome.getLong("wrapUpLeftSeconds");
        assertTrue(left >= 1 && left <= WRAP_UP.toSeconds(), "a reconnecting console sees the wrap-up: " + left);

        Helpline.Visitor second = helpline.visitor(1, new JsonObject());
        assertTrue(second.socket().next("queue").getBoolean("counsellorsOnline"),
                "a counsellor in wrap-up is still online for the visitor");
        // a window of 1.5 s, half the wrap-up: no chat is given to a counsellor in wrap-up
        assertTrue(w.all("assigned", Duration.ofMillis(1500)).isEmpty(), "no new chat during the wrap-up");
        w.take(f -> "assigned".equals(f.getString("type"))
                && second.conversation().equals(f.getString("conversation")), "the chat after the wrap-up");
        assertTrue(Duration.ofNanos(System.nanoTime() - ended).compareTo(WRAP_UP.minusMillis(500)) >= 0,
                "not before the wrap-up ran out");

        w.send(frame("end", second.conversation()));
        w.next("ended");
        setStatus(w, "available");
        long ready = System.nanoTime();
        Helpline.Visitor third = helpline.visitor(0, new JsonObject());
        w.take(f -> "assigned".equals(f.getString("type"))
                && third.conversation().equals(f.getString("conversation")), "the chat once ready");
        assertTrue(Duration.ofNanos(System.nanoTime() - ready).compareTo(WRAP_UP.minusMillis(1000)) < 0,
                "Available ends the wrap-up at once");
        setStatus(w, "away");
        third.end();
    }

    @Test
    void aChatAlreadyWaitingWhenAChatEndsWaitsForTheWrapUp() {
        TestSocket q = helpline.availableConsole(0, "wrap.q", TestConfig.PASSWORD);
        Helpline.Visitor first = helpline.assignedVisitor(q, new JsonObject());
        Helpline.Visitor waiting = helpline.visitor(1, new JsonObject());
        waiting.socket().next("queue");
        q.send(frame("end", first.conversation()));
        q.next("ended");
        long ended = System.nanoTime();
        // the end frees the place and starts the wrap-up in one step: no routing round sees the place free before
        assertTrue(q.all("assigned", Duration.ofMillis(1500)).isEmpty(), "the waiting chat is not given at once");
        q.take(f -> "assigned".equals(f.getString("type"))
                && waiting.conversation().equals(f.getString("conversation")), "the waiting chat after the wrap-up");
        assertTrue(Duration.ofNanos(System.nanoTime() - ended).compareTo(WRAP_UP.minusMillis(500)) >= 0,
                "not before the wrap-up ran out");
        setStatus(q, "away");
        waiting.end();
    }

    @Test
    void awayReasonsComeFromTheConsoleSettingsAndAreKeptWhileAway() {
        TestSocket x = helpline.console(0, "away.x", TestConfig.PASSWORD);
        x.send(new JsonObject().put("type", "status").put("status", "away").put("awayReason", "training"));
        JsonObject status = x.next("status");
        assertEquals("away", status.getString("status"));
        assertEquals("training", status.getString("awayReason"));

        JsonObject welcome = welcome(1, "away.x");
        assertEquals("training", welcome.getString("awayReason"));
        JsonArray reasons = welcome.getJsonArray("awayReasons");
        assertEquals("Training", entry(reasons, "training").orElseThrow().getString("label"));
        assertTrue(entry(reasons, "break").isPresent());

        TestSocket supervisor = helpline.socket(1, "/ws/supervisor");
        supervisor.send(new JsonObject().put("type", "auth")
                .put("token", helpline.login(1, "away.boss", TestConfig.PASSWORD)));
        assertEquals("Training", entry(supervisor.next("welcome").getJsonArray("awayReasons"), "training")
                .orElseThrow().getString("label"));
        supervisor.take(f -> "dashboard".equals(f.getString("type")) && f.getJsonArray("away").stream()
                .map(JsonObject.class::cast).anyMatch(line -> "Counsellor away.x".equals(line.getString("counsellor"))
                        && "training".equals(line.getString("reason"))), "supervisors see the reason");

        x.send(new JsonObject().put("type", "status").put("status", "away").put("awayReason", "holiday-abroad"));
        assertEquals("awayReason", x.error("invalid").getString("field"));
        x.send(new JsonObject().put("type", "status").put("status", "available").put("awayReason", "break"));
        assertEquals("awayReason", x.error("invalid").getString("field"));
        setStatus(x, "available");
        x.send(new JsonObject().put("type", "status").put("status", "away"));
        assertNull(x.next("status").getString("awayReason"));
        assertNull(welcome(1, "away.x").getString("awayReason"), "away without a reason");
    }

    /** Her other console (another tab, another computer, another node) shows what she chose in one. */
    @Test
    void herOtherConsolesShowTheAvailabilityShePicksInOne() {
        TestSocket here = helpline.console(0, "away.y", TestConfig.PASSWORD);
        TestSocket there = helpline.console(1, "away.y", TestConfig.PASSWORD);
        here.send(new JsonObject().put("type", "status").put("status", "available"));
        assertEquals("available", here.next("status").getString("status"));
        assertEquals("available", there.next("status").getString("status"));
        there.send(new JsonObject().put("type", "status").put("status", "away").put("awayReason", "training"));
        there.next("status");
        JsonObject told = here.next("status");
        assertEquals(List.of("away", "training"), List.of(told.getString("status"), told.getString("awayReason")));
        assertNull(told.getValue("origin"), "which console asked is not passed on");
        assertEquals(List.of(), there.all("status", TestSocket.QUIET), "the one that asked has its answer only");
    }
}
