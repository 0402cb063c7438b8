package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.helpline.domain.Counsellor;
import org.helpline.support.CapturedLogs;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a counsellor records about a chat, over real WebSockets and a real Redis: the risk checklist (saved with the
 * conversation, shown again on reconnect, a high level alerting supervisors), private notes (never sent to the
 * visitor) and outcome tags (counted once in the anonymous daily counters).
 */
class CaseRecordIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("case.amina", 2), TestConfig.counsellor("case.louise", 2),
            TestConfig.counsellor("case.grace", 2),
            new Counsellor("case.supervisor", "Sam", TestConfig.DIRECT, Set.of("fr"), Set.of(), 1,
                    TestConfig.counsellor("x", 1).passwordHash(), true, false)));

    private static JsonObject risk(String conversation, JsonObject answers) {
        return new JsonObject().put("type", "risk").put("conversation", conversation).put("answers", answers);
    }

    private static JsonObject note(String conversation, String text) {
        return new JsonObject().put("type", "note").put("conversation", conversation).put("text", text);
    }

    private static JsonObject outcome(String conversation, String... tags) {
        return new JsonObject().put("type", "outcome").put("conversation", conversation)
                .put("tags", new JsonArray(List.of(tags)));
    }

    private static <T> T redis(Function<RedisCommands<String, String>, T> read) {
        RedisClient client = RedisClient.create(helpline.redis().url());
        try (var connection = client.connect()) {
            return read.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    private static String conversationKey(String id) {
        return "hl:conv:{" + id + "}";
    }

    /** A visitor's chat assigned to this counsellor's new available console. */
    private static Chat chat(String counsellor, JsonObject triage) {
        Helpline.Visitor visitor = helpline.visitor(0, triage);
        TestSocket console = helpline.availableConsole(0, counsellor, TestConfig.PASSWORD);
        JsonObject assigned = console.next("assigned");
        assertEquals(visitor.conversation(), assigned.getString("conversation"));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        return new Chat(visitor, console, assigned);
    }

    private record Chat(Helpline.Visitor visitor, TestSocket console, JsonObject assigned) {
        String id() {
            return visitor.conversation();
        }
    }

    @Test
    void theWelcomeCarriesTheAssociationsCannedRepliesTheChecklistAndTheTags() {
        TestSocket console = helpline.socket(0, "/ws/console");
        console.send(new JsonObject().put("type", "auth").put("token", helpline.login(0, "case.grace",
                TestConfig.PASSWORD)));
        JsonObject welcome = console.next("welcome");
        JsonObject replies = welcome.getJsonObject("cannedReplies");
        assertTrue(replies.getJsonArray("fr").stream().map(r -> ((JsonObject) r).getString("text"))
                .anyMatch(text -> text.contains("3919")), "the network's French replies");
        assertTrue(replies.getJsonArray("en").stream().map(r -> ((JsonObject) r).getString("id"))
                .anyMatch("safe-now"::equals));
        JsonObject checklist = welcome.getJsonObject("riskChecklist");
        JsonObject first = checklist.getJsonArray("questions").getJsonObject(0);
        assertNotNull(first.getJsonObject("text").getString("en"));
        assertNotNull(first.getJsonObject("text").getString("fr"));
        assertTrue(checklist.getJsonObject("thresholds").getInteger("high")
                > checklist.getJsonObject("thresholds").getInteger("medium"));
        JsonObject helped = welcome.getJsonArray("outcomeTags").getJsonObject(0);
        assertEquals("helped", helped.getString("id"));
        assertEquals("woman", helped.getJsonArray("tags").getJsonObject(0).getString("id"));
    }

    @Test
    void aRiskChecklistIsSavedWithTheConversationAndShownAgainAfterAReconnect() {
        Chat chat = chat("case.amina", new JsonObject().put("language", "fr"));
        assertTrue(chat.assigned().containsKey("risk"));
        assertEquals(null, chat.assigned().getValue("risk"), "nothing assessed yet");
        TestSocket secondTab = helpline.console(0, "case.amina", TestConfig.PASSWORD);
        secondTab.next("assigned");

        chat.console().send(risk(chat.id(), new JsonObject().put("separation", true).put("injured", true)
                .put("getting-worse", true).put("stalking", false)));
        JsonObject saved = chat.console().next("risk");
        assertEquals("medium", saved.getString("level"), "2 + 2 + 2 reaches the medium threshold (5)");
        assertEquals(chat.id(), saved.getString("conversation"));
        assertEquals(List.of("injured", "getting-worse", "separation", "stalking"),
                List.copyOf(saved.getJsonObject("answers").fieldNames()), "in the checklist's order");
        JsonObject otherTab = secondTab.next("risk");
        assertEquals("medium", otherTab.getString("level"), "every console of the holder is told");
        assertFalse(otherTab.containsKey("origin"));
        assertTrue(chat.console().all("risk", TestSocket.QUIET).isEmpty(), "the sender is answered once");
        Map<String, String> hash = redis(redis -> redis.hgetall(conversationKey(chat.id())));
        assertEquals("medium", hash.get("risk"));
        assertTrue(new JsonObject(hash.get("riskAnswers")).getBoolean("separation"));

        chat.console().close();
        secondTab.close();
        TestSocket back = helpline.console(0, "case.amina", TestConfig.PASSWORD);
        JsonObject assigned = back.next("assigned");
        assertEquals(chat.id(), assigned.getString("conversation"));
        assertEquals("medium", assigned.getJsonObject("risk").getString("level"));
        assertTrue(assigned.getJsonObject("risk").getJsonObject("answers").getBoolean("injured"));
        assertFalse(assigned.getJsonObject("risk").getJsonObject("answers").getBoolean("stalking"));
        assertTrue(chat.visitor().socket().all("risk", TestSocket.QUIET).isEmpty(), "never to the visitor");
        chat.visitor().end();
    }

    @Test
    void aHighRiskAlertsTheSupervisorsOnceAndBadAnswersAreRefused() {
        TestSocket supervisor = helpline.socket(0, "/ws/supervisor");
        supervisor.send(new JsonObject().put("type", "auth").put("token", helpline.login(0, "case.supervisor",
                TestConfig.PASSWORD)));
        supervisor.next("welcome");
        Chat chat = chat("case.louise", new JsonObject().put("language", "en"));

        chat.console().send(risk(chat.id(), new JsonObject().put("mood", true)));
        JsonObject unknown = chat.console().error("invalid");
        assertEquals("answers", unknown.getString("field"));
        assertEquals(chat.id(), unknown.getString("conversation"));
        chat.console().send(risk(chat.id(), new JsonObject().put("injured", "yes")));
        assertEquals("answers", chat.console().error("invalid").getString("field"));
        chat.console().send(risk("someone-elses-chat", new JsonObject().put("injured", true)));
        chat.console().error("not_assigned");

        chat.console().send(risk(chat.id(), new JsonObject().put("strangulation", true)));
        assertEquals("high", chat.console().next("risk").getString("level"), "a critical yes is high");
        JsonObject alert = supervisor.next("alert");
        assertEquals("risk", alert.getString("kind"));
        assertEquals("high", alert.getString("level"));
        assertEquals(chat.id(), alert.getString("conversation"));
        assertEquals(TestConfig.DIRECT, alert.getString("association"));
        assertTrue(alert.getLong("at") > 0);

        chat.console().send(risk(chat.id(), new JsonObject().put("strangulation", true).put("weapon", true)));
        assertEquals("high", chat.console().next("risk").getString("level"));
        assertTrue(supervisor.all("alert", TestSocket.QUIET).isEmpty(), "no second alert while it stays high");
        chat.visitor().end();
        chat.console().next("ended");
        chat.console().send(risk(chat.id(), new JsonObject().put("injured", true)));
        chat.console().error("not_assigned");
    }

    @Test
    void aPrivateNoteIsStoredShownToTheHolderAndNeverSentToTheVisitor() {
        String text = "Mentions a neighbour who can take the children; abuser back at 18:00";
        try (CapturedLogs logs = new CapturedLogs()) {
            Chat chat = chat("case.grace", new JsonObject());
            chat.console().send(note(chat.id(), text));
            JsonObject echoed = chat.console().next("note");
            assertEquals(chat.id(), echoed.getString("conversation"));
            assertEquals(text, echoed.getString("text"));
            assertEquals("Counsellor case.grace", echoed.getString("from"));
            assertEquals(TestConfig.DIRECT, echoed.getString("fromAssociation"));
            assertTrue(echoed.getLong("at") > 0);
            List<String> stored = redis(redis -> redis.lrange(conversationKey(chat.id()) + ":notes", 0, -1));
            assertEquals(1, stored.size());
            assertEquals(text, new JsonObject(stored.get(0)).getString("text"));

            chat.console().send(note(chat.id(), "   "));
            assertEquals("text", chat.console().error("invalid").getString("field"));
            chat.console().send(note(chat.id(), "x".repeat(2001)));
            assertEquals("text", chat.console().error("invalid").getString("field"));
            String emoji = "\uD83D\uDE4F".repeat(2000); // characters are code points: 2,000, in 4,000 UTF-16 units
            chat.console().send(note(chat.id(), emoji));
            assertEquals(emoji, chat.console().next("note").getString("text"));

            chat.visitor().socket().send(new JsonObject().put("type", "send").put("clientId", "v-1")
                    .put("text", "Are you still there?"));
            chat.console().next("message");
            chat.visitor().socket().assertServed();
            assertTrue(chat.visitor().socket().frames(TestSocket.QUIET).stream()
                    .noneMatch(frame -> frame.encode().contains("neighbour")), "the visitor never gets the note");

            chat.console().close();
            JsonObject assigned = helpline.console(0, "case.grace", TestConfig.PASSWORD).next("assigned");
            assertEquals(text, assigned.getJsonArray("notes").getJsonObject(0).getString("text"),
                    "shown again on assignment");
            chat.visitor().end();
            assertTrue(logs.lines().stream().noneMatch(line -> line.contains("neighbour")), "never logged");
        }
    }

    @Test
    void outcomeTagsAreCountedOnceByTheLastHolderDuringOrAfterTheEnd() {
        String today = "hl:stats:outcomes:" + LocalDate.now(ZoneOffset.UTC);
        Map<String, String> before = redis(redis -> redis.hgetall(today));
        Chat during = chat("case.amina", new JsonObject());

        during.console().send(outcome(during.id(), "woman", "mood"));
        JsonObject unknown = during.console().error("invalid");
        assertEquals("tags", unknown.getString("field"));
        during.console().send(outcome(during.id()));
        assertEquals("tags", during.console().error("invalid").getString("field"), "at least one tag");
        TestSocket other = helpline.console(0, "case.louise", TestConfig.PASSWORD);
        other.send(outcome(during.id(), "woman"));
        other.error("not_assigned");

        // duplicates are dropped before the list is counted: more entries than there are tags is no error
        String[] repeated = Collections.nCopies(200, "woman").toArray(String[]::new);
        repeated[1] = "referral-police";
        during.console().send(outcome(during.id(), repeated));
        JsonObject recorded = during.console().next("outcome_recorded");
        assertEquals(during.id(), recorded.getString("conversation"));
        assertEquals(List.of("woman", "referral-police"), recorded.getJsonArray("tags").getList());
        during.console().send(outcome(during.id(), "man"));
        during.console().error("outcome_already_recorded");
        assertEquals("woman,referral-police",
                redis(redis -> redis.hget(conversationKey(during.id()), "outcomeTags")));
        during.visitor().end();

        Chat after = chat("case.amina", new JsonObject().put("childrenInvolved", true));
        after.visitor().end();
        after.console().next("ended");
        after.console().send(outcome(after.id(), "child", "shelter-needed"));
        after.console().next("outcome_recorded");

        Chat erased = chat("case.amina", new JsonObject());
        erased.visitor().socket().send(new JsonObject().put("type", "forget"));
        assertTrue(erased.console().next("ended").getBoolean("erased"));
        erased.console().send(outcome(erased.id(), "man"));
        erased.console().next("outcome_recorded");

        Chat recordedThenErased = chat("case.amina", new JsonObject());
        recordedThenErased.console().send(outcome(recordedThenErased.id(), "relative-or-witness"));
        recordedThenErased.console().next("outcome_recorded");
        recordedThenErased.visitor().socket().send(new JsonObject().put("type", "forget"));
        recordedThenErased.console().next("ended");
        recordedThenErased.console().send(outcome(recordedThenErased.id(), "relative-or-witness"));
        assertEquals("outcome_already_recorded", recordedThenErased.console().next("error").getString("code"),
                "deleting the conversation keeps its tags, so they are never counted twice");

        Map<String, String> counts = redis(redis -> redis.hgetall(today));
        assertEquals(count(before, "woman") + 1, count(counts, "woman"), "the duplicate tag counted once");
        assertEquals(count(before, "referral-police") + 1, count(counts, "referral-police"));
        assertEquals(count(before, "child") + 1, count(counts, "child"));
        assertEquals(count(before, "shelter-needed") + 1, count(counts, "shelter-needed"));
        assertEquals(count(before, "man") + 1, count(counts, "man"), "the erased chat's tag counted");
        assertEquals(count(before, "relative-or-witness") + 1, count(counts, "relative-or-witness"),
                "the refused second outcome nothing");
        assertFalse(counts.containsKey("mood"));
        long ttl = redis(redis -> redis.ttl(today));
        assertTrue(ttl > Duration.ofDays(399).toSeconds() && ttl <= Duration.ofDays(400).toSeconds(), "ttl " + ttl);
        String metrics = helpline.get(0, "/metrics").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("helpline_outcome_tags_total{tag=\"child\"} ")
                && !line.endsWith(" 0.0")), "the meter counts by tag");
        assertTrue(metrics.contains("helpline_outcome_tags_total{tag=\"information-only\"} 0.0"),
                "every configured tag shows, at zero too");
    }

    private static long count(Map<String, String> counts, String tag) {
        return Long.parseLong(counts.getOrDefault(tag, "0"));
    }
}
