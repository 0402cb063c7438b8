package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.DataKeys;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Retention;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.Keys;
import org.helpline.support.CapturedLogs;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.StoredCopies;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Supervision over real WebSockets, two nodes and a real Redis, with transcripts encrypted at rest (the supervisor on
 * one node, the chat on the other): a supervisor monitors an active chat (its history, then live), whispers to its
 * counsellor (never to the visitor, stored only sealed, never logged), takes it over into the console of the same
 * account; a counsellor asks for help and the supervisors are alerted. Each is an entry of the chat's case record,
 * shown to the counsellor at once and again on reconnect.
 */
class SupervisionIT {
    private static final String SUPERVISOR = "sv.sam";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("sv.amina", 3),
                TestConfig.counsellor("sv.louise", 3), TestConfig.counsellor("sv.grace", 3),
                TestConfig.counsellor("sv.nadia", 3), TestConfig.counsellor("sv.ines", 3),
                TestConfig.counsellor("sv.zoe", 3), TestConfig.counsellor("sv.lea", 3),
                TestConfig.counsellor("sv.maya", 11), TestConfig.supervisor(SUPERVISOR));
        Retention shipped = base.retention();
        return ConfigBuilder.from(base).retention(new Retention(shipped.endedConversation(), shipped.diskPurge(),
                true, DataKeys.of(List.of("supervision key: 32 bytes long!!".getBytes(StandardCharsets.US_ASCII)))))
                .build();
    }

    /** A visitor's chat held by this counsellor's console, set away afterwards so no other chat reaches it. */
    private static Chat chat(String counsellor) {
        TestSocket console = helpline.availableConsole(0, counsellor, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        return new Chat(visitor, console);
    }

    private record Chat(Helpline.Visitor visitor, TestSocket console) {
        String id() {
            return visitor.conversation();
        }
    }

    /** The supervisor's page, on the other node than the chat's visitor and counsellor. */
    private static TestSocket supervisor() {
        TestSocket supervisor = helpline.socket(1, "/ws/supervisor");
        supervisor.send(new JsonObject().put("type", "auth")
                .put("token", helpline.login(1, SUPERVISOR, TestConfig.PASSWORD)));
        supervisor.next("welcome");
        return supervisor;
    }

    private static JsonObject frame(String type, String conversation) {
        return new JsonObject().put("type", type).put("conversation", conversation);
    }

    /** The next {@code supervision} frame of this kind on a console. */
    private static JsonObject entry(TestSocket console, String kind) {
        return console.take(f -> "supervision".equals(f.getString("type")) && kind.equals(f.getString("kind")),
                "a '" + kind + "' supervision frame");
    }

    /** The supervision entries a new console of this counsellor is given with the chat (the case record). */
    private static JsonArray recorded(String counsellor, String conversation) {
        TestSocket again = helpline.console(0, counsellor, TestConfig.PASSWORD);
        JsonObject assigned = again.take(f -> "assigned".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the chat assigned again");
        return assigned.getJsonArray("supervision");
    }

    /** A supervisor socket monitoring the chat (its {@code monitoring} frame taken). */
    private static TestSocket monitoring(Chat chat) {
        TestSocket supervisor = supervisor();
        supervisor.send(frame("monitor", chat.id()));
        supervisor.next("monitoring");
        return supervisor;
    }

    /** The visitor deletes the chat while it is monitored: the monitoring ends, saying so, for its text to go. */
    @Test
    void aMonitoringOfAChatItsVisitorDeletesEndsSayingItWasErased() {
        Chat chat = chat("sv.lea");
        TestSocket supervisor = monitoring(chat);
        chat.visitor().socket().send(new JsonObject().put("type", "forget"));
        assertTrue(chat.visitor().socket().next("ended").getBoolean("erased", false));
        JsonObject ended = supervisor.next("monitor_ended");
        assertEquals("ended", ended.getString("reason"));
        assertTrue(ended.getBoolean("erased", false), ended.encode());
    }

    /**
     * Her console gone past the grace, the chat goes back to the queue: the monitoring ends (nobody holds the chat),
     * so that a whisper never reaches whoever takes it next without the supervisor knowing.
     */
    @Test
    void aMonitoringEndsWhenTheChatGoesBackToTheQueue() {
        Chat chat = chat("sv.ines");
        TestSocket supervisor = monitoring(chat);
        chat.console().abort();
        helpline.graceOver("sv.ines");
        chat.visitor().socket().next("requeued");
        JsonObject ended = supervisor.next("monitor_ended");
        assertEquals(chat.id(), ended.getString("conversation"));
        assertEquals("requeued", ended.getString("reason"));
        Waits.until(() -> helpline.inRedis(redis -> redis.hget("hl:conv:{" + chat.id() + "}", "supervisionCount")),
                "2"::equals, 10, "its end recorded: whoever holds the chat next is not told she is watched");
        supervisor.send(frame("whisper", chat.id()).put("text", "are you there?"));
        supervisor.error("not_monitoring");
        chat.visitor().end();
    }

    @Test
    void aMonitorSeesTheHistoryThenLiveMessagesAndTheCounsellorIsTold() {
        Chat chat = chat("sv.amina");
        chat.visitor().says("v-1", "first from the visitor");
        chat.console().next("message");
        chat.console().send(frame("send", chat.id()).put("clientId", "c-1").put("text", "second, the counsellor"));
        chat.console().next("ack");
        chat.visitor().socket().next("message");

        TestSocket supervisor = supervisor();
        supervisor.send(frame("monitor", chat.id()));
        JsonObject opening = supervisor.take(f -> List.of("monitoring", "message").contains(f.getString("type")),
                "the monitoring frame");
        assertEquals("monitoring", opening.getString("type"), "the header comes before the history");
        assertEquals("Counsellor sv.amina", opening.getString("counsellor"));
        assertEquals(TestConfig.DIRECT, opening.getString("association"));
        assertEquals("monitor", opening.getJsonArray("supervision").getJsonObject(0).getString("kind"));
        List<JsonObject> history = supervisor.take("message", 2);
        assertEquals(List.of(1L, 2L), history.stream().map(m -> m.getLong("seq")).toList());
        assertEquals("first from the visitor", history.get(0).getString("text"), "decrypted as the console reads it");
        assertEquals("counsellor", history.get(1).getString("from"));

        JsonObject told = entry(chat.console(), "monitor");
        assertEquals("Supervisor " + SUPERVISOR, told.getString("from"));
        assertEquals(chat.id(), told.getString("conversation"));

        chat.visitor().says("v-2", "third, live");
        JsonObject live = supervisor.next("message");
        assertEquals(3L, live.getLong("seq"));
        assertEquals("third, live", live.getString("text"));

        supervisor.send(frame("unmonitor", chat.id()));
        assertEquals("stopped", supervisor.next("monitor_ended").getString("reason"));
        entry(chat.console(), "monitor_end");
        chat.visitor().says("v-3", "not for the monitor any more");
        assertTrue(supervisor.all("message", TestSocket.QUIET).isEmpty(), "nothing after unmonitor");

        JsonArray record = recorded("sv.amina", chat.id());
        assertEquals(List.of("monitor", "monitor_end"), record.stream()
                .map(e -> ((JsonObject) e).getString("kind")).toList());
        for (Object e : record) {
            assertEquals("Supervisor " + SUPERVISOR, ((JsonObject) e).getString("from"), "who");
            assertTrue(((JsonObject) e).getLong("at") > 0, "when");
        }

        supervisor.send(frame("monitor", chat.id()));
        supervisor.next("monitoring");
        entry(chat.console(), "monitor");
        supervisor.close();
        assertEquals("Supervisor " + SUPERVISOR, entry(chat.console(), "monitor_end").getString("from"),
                "a supervisor's page closing ends the monitoring, and the counsellor is told");

        chat.visitor().end();
        chat.console().next("ended");
    }

    @Test
    void aWhisperReachesTheCounsellorOnlyIsStoredSealedAndNeverLogged() {
        String canary = "WhisperCanary7Q";
        Chat chat = chat("sv.louise");
        chat.visitor().says("v-1", "hello");
        TestSocket supervisor = supervisor();
        supervisor.send(frame("whisper", chat.id()).put("text", "not yet"));
        supervisor.error("not_monitoring");
        try (CapturedLogs logs = new CapturedLogs()) {
            supervisor.send(frame("monitor", chat.id()));
            supervisor.next("monitoring");
            supervisor.send(frame("whisper", chat.id()).put("text", "Ask about the children " + canary));
            JsonObject whispered = supervisor.next("whispered");
            assertEquals("Ask about the children " + canary, whispered.getString("text"));

            JsonObject told = entry(chat.console(), "whisper");
            assertEquals("Ask about the children " + canary, told.getString("text"), "opened for the console");
            assertEquals("Supervisor " + SUPERVISOR, told.getString("from"));

            assertTrue(chat.visitor().socket().frames(TestSocket.QUIET).stream()
                    .noneMatch(f -> f.encode().contains(canary)), "the visitor's socket never gets it");
            TestSocket again = helpline.resumed(0, chat.visitor());
            assertTrue(again.frames(TestSocket.QUIET).stream().noneMatch(f -> f.encode().contains(canary)),
                    "nor the transcript a resumed visitor reads");
            assertEquals(Long.valueOf(1), helpline.inRedis(redis -> redis.llen("hl:conv:{" + chat.id() + "}:log")),
                    "not in the transcript");
            assertEquals(List.of(), helpline.inRedis(redis -> StoredCopies.keys(redis, canary)),
                    "stored only sealed");
            JsonArray record = recorded("sv.louise", chat.id());
            JsonObject kept = record.getJsonObject(record.size() - 1);
            assertEquals("whisper", kept.getString("kind"));
            assertEquals("Ask about the children " + canary, kept.getString("text"), "the case record keeps it");
            assertTrue(logs.lines().stream().noneMatch(line -> line.contains(canary)), "never logged");
        }
    }

    @Test
    void supervisionEntriesNeverUseUpTheCounsellorsNotes() {
        Chat chat = chat("sv.nadia");
        TestSocket supervisor = monitoring(chat);
        // as if a flaky supervisor connection had monitored the chat again and again
        helpline.inRedis(redis -> redis.hset("hl:conv:{" + chat.id() + "}", "supervisionCount",
                String.valueOf(CaseRecordStore.MAX_NOTES)));
        supervisor.send(frame("whisper", chat.id()).put("text", "one entry too many"));
        assertEquals("conversation", supervisor.error("invalid").getString("field"), "the supervision record is full");
        chat.console().send(frame("note", chat.id()).put("text", "Her sister can host her tomorrow"));
        assertEquals("Her sister can host her tomorrow", chat.console().next("note").getString("text"),
                "the counsellor's notes are counted apart");
        chat.visitor().end();
    }

    /**
     * A page that reconnects asks for its monitoring again (the same {@code page}) on a new socket: the case record
     * gets no new entry, and the old socket closing ends nothing. Once the record is full, a call for help still alerts
     * the supervisors (the counsellor is answered and told, only the record cannot keep it), and the end of a
     * monitoring is still recorded: the counsellor must not go on reading that she is watched.
     */
    @Test
    void aFullRecordNeverSilencesACallForHelpNorKeepsAMonitoringOpenAndReconnectsAddNothing() {
        Chat chat = chat("sv.zoe");
        String hash = "hl:conv:{" + chat.id() + "}";
        TestSocket before = supervisor();
        before.send(frame("monitor", chat.id()).put("page", "page-7"));
        String monitoring = before.next("monitoring").getString("monitoring");
        assertEquals(monitoring, entry(chat.console(), "monitor").getString("monitoring"));
        before.abort(); // the page lost its connection and comes back on another socket at once
        TestSocket supervisor = supervisor();
        supervisor.send(frame("monitor", chat.id()).put("page", "page-7"));
        assertEquals(monitoring, supervisor.next("monitoring").getString("monitoring"), "the same monitoring");
        TestSocket.sleep(MonitorFrames.REJOIN_GRACE.plusSeconds(1)); // when the old socket's monitoring would end
        assertEquals("1", helpline.inRedis(redis -> redis.hget(hash, "supervisionCount")),
                "a reconnect adds no monitor nor monitor_end entry");
        assertTrue(chat.console().all("supervision", TestSocket.QUIET).isEmpty(), "nor tells the counsellor anything");

        helpline.inRedis(redis -> redis.hset(hash, "supervisionCount", String.valueOf(CaseRecordStore.MAX_NOTES)));
        long entries = helpline.inRedis(redis -> redis.llen(Keys.notes(chat.id())));
        chat.console().send(frame("help", chat.id()));
        assertEquals(chat.id(), chat.console().next("help_requested").getString("conversation"),
                "a call for help is never refused for want of room in the record");
        JsonObject alert = supervisor.take(f -> "alert".equals(f.getString("type"))
                && "help".equals(f.getString("kind")), "the help alert");
        assertEquals(chat.id(), alert.getString("conversation"));
        assertEquals("Counsellor sv.zoe", entry(chat.console(), "help").getString("from"), "her consoles are told");
        long kept = helpline.inRedis(redis -> redis.llen(Keys.notes(chat.id())));
        assertEquals(entries, kept, "not kept: it is full");

        supervisor.send(frame("unmonitor", chat.id()));
        assertEquals(monitoring, supervisor.next("monitor_ended").getString("monitoring"));
        assertEquals(monitoring, entry(chat.console(), "monitor_end").getString("monitoring"),
                "the end of a monitoring always fits the record");
        long withTheEnd = helpline.inRedis(redis -> redis.llen(Keys.notes(chat.id())));
        assertEquals(entries + 1, withTheEnd);
        chat.visitor().end();
    }

    @Test
    void aTakeoverMovesTheChatToTheSupervisorsOwnConsole() {
        Chat chat = chat("sv.grace");
        TestSocket supervisor = supervisor();
        supervisor.send(frame("take_over", chat.id()));
        JsonObject noConsole = supervisor.error("transfer_failed");
        assertEquals("offline", noConsole.getString("reason"));
        assertTrue(noConsole.getString("message").contains("console"),
                "the supervisor is told to open the console first");

        TestSocket ownConsole = helpline.console(1, SUPERVISOR, TestConfig.PASSWORD);
        supervisor.send(frame("take_over", chat.id()));
        JsonObject taken = supervisor.next("taken_over");
        assertEquals("Counsellor sv.grace", taken.getString("previous"));

        assertEquals("transferred", chat.console().next("released").getString("reason"));
        JsonObject told = entry(chat.console(), "takeover");
        assertEquals("Supervisor " + SUPERVISOR, told.getString("from"));
        JsonObject assigned = ownConsole.take(f -> "assigned".equals(f.getString("type"))
                && chat.id().equals(f.getString("conversation")), "the chat on the supervisor's console");
        JsonObject record = assigned.getJsonArray("supervision").getJsonObject(0);
        assertEquals("takeover", record.getString("kind"));
        assertEquals("Counsellor sv.grace", record.getString("previous"));
        assertTrue(assigned.getJsonArray("notes").isEmpty(), "the entry is not a private note");

        ownConsole.send(frame("send", chat.id()).put("clientId", "s-1").put("text", "I am taking over from here"));
        ownConsole.next("ack");
        assertEquals("I am taking over from here", chat.visitor().socket().next("message").getString("text"));
        chat.console().send(frame("send", chat.id()).put("clientId", "g-1").put("text", "still mine?"));
        chat.console().error("not_assigned");
        supervisor.send(frame("take_over", chat.id()));
        supervisor.error("invalid");
        ownConsole.send(frame("end", chat.id()));
        ownConsole.next("ended"); // her console's one place free again

        Chat full = chat("sv.grace");
        String hash = Keys.conversation(full.id());
        helpline.inRedis(redis -> redis.hset(hash, "supervisionCount", String.valueOf(CaseRecordStore.MAX_NOTES)));
        supervisor.send(frame("take_over", full.id()));
        assertEquals("takeover", supervisor.next("taken_over").getString("kind"), "never refused for want of room");
        assertEquals("transferred", full.console().next("released").getString("reason"));
        assertEquals("Supervisor " + SUPERVISOR, entry(full.console(), "takeover").getString("from"),
                "told all the same");
        assertEquals(Long.valueOf(0), helpline.<Long>inRedis(redis -> redis.llen(Keys.notes(full.id()))),
                "only the record misses it");
    }

    @Test
    void aCounsellorsCallForHelpAlertsTheSupervisors() {
        TestSocket supervisor = supervisor();
        Chat chat = chat("sv.nadia");
        chat.console().send(frame("help", chat.id()));
        assertEquals(chat.id(), chat.console().next("help_requested").getString("conversation"));
        JsonObject alert = supervisor.take(f -> "alert".equals(f.getString("type"))
                && "help".equals(f.getString("kind")), "the help alert");
        assertEquals(chat.id(), alert.getString("conversation"));
        assertEquals("Counsellor sv.nadia", alert.getString("counsellor"));
        assertEquals(TestConfig.DIRECT, alert.getString("association"));
        assertEquals("Counsellor sv.nadia", entry(chat.console(), "help").getString("from"));
        assertTrue(chat.visitor().socket().frames(TestSocket.QUIET).stream()
                .noneMatch(f -> "supervision".equals(f.getString("type"))), "the visitor is not told");

        chat.console().send(frame("help", chat.id())); // pressed again within the minute: answered, not raised again
        chat.console().next("help_requested");
        assertTrue(supervisor.all("alert", TestSocket.QUIET).isEmpty(), "one alert a minute for a chat");

        chat.console().send(frame("help", "not-a-chat-of-hers"));
        chat.console().error("not_assigned");
        assertEquals("help", recorded("sv.nadia", chat.id()).getJsonObject(0).getString("kind"));
    }

    /** A supervisor page monitors at most 10 chats at once; one stopped, another may be monitored. */
    @Test
    void aPageMonitorsAtMostTenChatsAtOnce() {
        TestSocket console = helpline.availableConsole(0, "sv.maya", TestConfig.PASSWORD);
        List<Helpline.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            visitors.add(helpline.assignedVisitor(console, new JsonObject()));
        }
        TestSocket supervisor = supervisor();
        for (Helpline.Visitor visitor : visitors.subList(0, 10)) {
            supervisor.send(frame("monitor", visitor.conversation()));
            supervisor.next("monitoring");
        }
        String eleventh = visitors.get(10).conversation();
        supervisor.send(frame("monitor", eleventh));
        assertEquals(eleventh, supervisor.error("monitor_limit").getString("conversation"));
        supervisor.send(frame("unmonitor", visitors.get(0).conversation()));
        assertEquals("stopped", supervisor.next("monitor_ended").getString("reason"));
        supervisor.send(frame("monitor", eleventh));
        assertEquals(eleventh, supervisor.next("monitoring").getString("conversation"));
        visitors.forEach(Helpline.Visitor::end);
    }

    @Test
    void onlyAnAuthenticatedSupervisorMonitorsAndOnlyActiveChats() {
        TestSocket early = helpline.socket(0, "/ws/supervisor");
        early.send(frame("monitor", "some-chat"));
        early.error("unauthenticated");

        TestSocket counsellor = helpline.socket(0, "/ws/supervisor");
        counsellor.send(new JsonObject().put("type", "auth")
                .put("token", helpline.login(0, "sv.amina", TestConfig.PASSWORD)));
        counsellor.error("not_supervisor");
        counsellor.send(frame("monitor", "some-chat"));
        assertEquals(4001, counsellor.awaitClose(), "a counsellor token closes the supervisor socket");
        assertFalse(counsellor.frames(TestSocket.QUIET).stream()
                .anyMatch(f -> "monitoring".equals(f.getString("type"))));

        TestSocket console = helpline.console(0, "sv.amina", TestConfig.PASSWORD);
        console.send(frame("monitor", "some-chat"));
        console.error("unknown_type");

        TestSocket supervisor = supervisor();
        supervisor.send(frame("monitor", "no-such-chat"));
        supervisor.error("not_active");
        supervisor.send(frame("take_over", "no-such-chat"));
        supervisor.error("not_active");
        supervisor.send(frame("unmonitor", "no-such-chat"));
        supervisor.error("not_monitoring");
    }
}
