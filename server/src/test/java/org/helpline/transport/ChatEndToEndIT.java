package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.helpline.support.CapturedLogs;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A visitor and a counsellor over real WebSockets, one node, real Redis. */
class ChatEndToEndIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("e2e.amina", 2), TestConfig.counsellor("e2e.louise", 1),
            TestConfig.counsellor("e2e.pages", 1)));

    private static JsonObject send(String clientId, String text) {
        return new JsonObject().put("type", "send").put("clientId", clientId).put("text", text);
    }

    /**
     * A history longer than a page of the log ({@link ConversationFeed#PAGE}): a socket that resumes gets every
     * message, in order, once (the log is read a page at a time, the next once the socket has room).
     */
    @Test
    void aResumeGetsAHistoryOfSeveralPagesInOrderOnce() {
        TestSocket console = helpline.availableConsole(0, "e2e.pages", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        int count = 2 * ConversationFeed.PAGE + 5;
        int each = 15; // within each socket's burst of 20 frames, its auth and status taken
        List<TestSocket> consoles = new ArrayList<>(List.of(console));
        while (consoles.size() * each < count) {
            TestSocket another = helpline.console(0, "e2e.pages", TestConfig.PASSWORD);
            another.next("assigned"); // shows the chat now: a send before its assigned is answered not_assigned
            consoles.add(another);
        }
        for (int i = 0; i < count; i++) {
            consoles.get(i / each).send(sendTo(visitor.conversation(), "c-page-" + i, "message " + i));
        }
        for (int i = 0; i * each < count; i++) {
            consoles.get(i).take("ack", Math.min(each, count - i * each));
        }
        TestSocket resumed = helpline.resumed(0, visitor);
        List<Long> seqs = resumed.take("message", count).stream().map(m -> m.getLong("seq")).toList();
        assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), seqs);
        assertEquals(List.of(), resumed.all("message", TestSocket.QUIET), "each once");
        visitor.end();
    }

    /** Each resume reads the history: a chat resumed again and again (a script) is refused for the minute. */
    @Test
    void aChatResumedAgainAndAgainIsRefusedForTheMinute() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        for (int i = 0; i < ResumeFrames.RESUMES_PER_MINUTE; i++) {
            helpline.resumed(0, visitor).close();
        }
        TestSocket refused = helpline.socket(0, "/ws/visitor");
        refused.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()));
        assertEquals("resume", refused.error("rate_limited").getString("ref"));
        visitor.end();
    }

    private static JsonObject sendTo(String conversation, String clientId, String text) {
        return send(clientId, text).put("conversation", conversation);
    }

    @Test
    void aCounsellorsSendRacingTheVisitorsEndIsStoredOrNotAssignedNeverConversationEnded() {
        TestSocket console = helpline.availableConsole(0, "e2e.louise", TestConfig.PASSWORD);
        for (int round = 0; round < 10; round++) {
            Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
            visitor.socket().send(new JsonObject().put("type", "end"));
            String clientId = "c-race-" + round;
            console.send(sendTo(visitor.conversation(), clientId, "Vous êtes toujours là ?"));
            JsonObject answer = console.take(f -> "ack".equals(f.getString("type"))
                    && clientId.equals(f.getString("clientId"))
                    || "error".equals(f.getString("type")) && clientId.equals(f.getString("ref")),
                    "the answer to the send");
            assertTrue("ack".equals(answer.getString("type")) || "not_assigned".equals(answer.getString("code")),
                    "stored before the end, or no longer the counsellor's: " + answer);
            console.take(f -> "ended".equals(f.getString("type"))
                    && visitor.conversation().equals(f.getString("conversation")), "the end");
        }
    }

    @Test
    void visitorAndCounsellorExchangeMessagesBothWays() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("role", "witness").put("language", "fr")
                .put("region", "59").put("childrenInvolved", true));
        assertEquals("waiting", visitor.started().getString("status"));
        assertTrue(visitor.secret().length() >= 40);
        TestSocket v = visitor.socket();
        v.send(send("v-1", "Bonjour, ma voisine crie tous les soirs"));
        assertEquals(1, v.next("ack").getLong("seq"));

        TestSocket console = helpline.availableConsole(0, "e2e.amina", TestConfig.PASSWORD);
        JsonObject assigned = console.next("assigned");
        assertEquals(visitor.conversation(), assigned.getString("conversation"));
        assertEquals("witness", assigned.getJsonObject("triage").getString("role"));
        assertTrue(assigned.getJsonObject("triage").getBoolean("childrenInvolved"));
        JsonObject waitingMessage = console.next("message");
        assertEquals("Bonjour, ma voisine crie tous les soirs", waitingMessage.getString("text"));
        assertEquals("visitor", waitingMessage.getString("from"));

        JsonObject visitorSeesCounsellor = v.next("assigned");
        assertEquals("Counsellor e2e.amina", visitorSeesCounsellor.getJsonObject("counsellor").getString("name"));
        assertEquals("Test association test-direct",
                visitorSeesCounsellor.getJsonObject("counsellor").getString("associationName"));

        console.send(new JsonObject().put("type", "typing").put("conversation", visitor.conversation()));
        assertEquals("counsellor", v.next("typing").getString("from"));
        console.send(sendTo(visitor.conversation(), "c-1", "Bonjour, je suis là. Êtes-vous en sécurité ?"));
        JsonObject ack = console.next("ack");
        assertEquals(2, ack.getLong("seq"));
        assertFalse(ack.getBoolean("duplicate"));
        JsonObject delivered = v.take(f -> "message".equals(f.getString("type")) && f.getLong("seq") == 2,
                "the counsellor's message");
        assertEquals("Bonjour, je suis là. Êtes-vous en sécurité ?", delivered.getString("text"));
        assertEquals("counsellor", delivered.getString("from"));

        v.send(send("v-2", "Oui, merci"));
        assertEquals("Oui, merci", console.take(f -> "message".equals(f.getString("type"))
                && f.getLong("seq") == 3, "the visitor's reply").getString("text"));

        v.send(new JsonObject().put("type", "end"));
        assertEquals("visitor", v.next("ended").getString("by"));
        assertEquals("visitor", console.next("ended").getString("by"));
        v.send(send("v-3", "after the end"));
        v.error("conversation_ended");
    }

    @Test
    void aVisitorWhoseSocketDropsGetsExactlyTheMessagesItMissed() {
        Answered answered = answeredByLouise();
        Helpline.Visitor visitor = answered.visitor();
        TestSocket console = answered.console();
        String conversation = visitor.conversation();
        visitor.socket().send(send("v-1", "first"));
        long seen = visitor.socket().take(f -> "message".equals(f.getString("type")), "own echo").getLong("seq");
        assertEquals(1, seen);

        visitor.socket().close();
        writeWhileAway(console, conversation, 3);

        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                .put("resumeSecret", visitor.secret()).put("afterSeq", seen));
        JsonObject resumed = back.next("resumed");
        assertEquals("active", resumed.getString("status"));
        assertEquals(4, resumed.getLong("lastSeq"));
        assertEquals("Counsellor e2e.louise", resumed.getJsonObject("counsellor").getString("name"));
        List<JsonObject> missed = back.exactly("message", 3);
        assertEquals(List.of(2L, 3L, 4L), missed.stream().map(m -> m.getLong("seq")).toList());
        assertEquals("while you were away 1", missed.get(0).getString("text"));

        back.send(send("v-2", "I'm back"));
        assertEquals(5, back.next("ack").getLong("seq"));
        back.send(new JsonObject().put("type", "end"));
        back.next("ended");
    }

    @Test
    void messagesTheLogCouldNotGiveOnAResumeArriveOnceRedisAnswersAgain() {
        Answered answered = answeredByLouise();
        Helpline.Visitor visitor = answered.visitor();
        TestSocket console = answered.console();
        String conversation = visitor.conversation();
        visitor.socket().close();
        writeWhileAway(console, conversation, 2);

        // Redis refuses the log's read (as a client whose queue is full refuses every command) for the resume.
        helpline.inRedis(redis -> redis.aclLogReset() + redis.aclSetuser("default",
                AclSetuserArgs.Builder.removeCommand(CommandType.LRANGE)));
        try {
            TestSocket back = helpline.socket(0, "/ws/visitor");
            back.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                    .put("resumeSecret", visitor.secret()).put("afterSeq", 0));
            assertEquals(2, back.next("resumed").getLong("lastSeq"));
            Waits.until(() -> helpline.inRedis(redis -> redis.aclLog()).stream()
                    .anyMatch(entry -> "lrange".equals(entry.get("object"))), 10, "the log's read refused");
            helpline.inRedis(redis -> redis.aclSetuser("default",
                    AclSetuserArgs.Builder.addCommand(CommandType.LRANGE)));
            List<JsonObject> missed = back.exactly("message", 2);
            assertEquals(List.of(1L, 2L), missed.stream().map(m -> m.getLong("seq")).toList(),
                    "read again, and delivered once each");
            back.send(new JsonObject().put("type", "end"));
            back.next("ended");
        } finally {
            helpline.inRedis(redis -> redis.aclSetuser("default", AclSetuserArgs.Builder.allCommands()));
        }
    }

    /** A visitor's chat and the console of the counsellor it went to. */
    private record Answered(Helpline.Visitor visitor, TestSocket console) {
    }

    /** A visitor starts a chat on node 0 and {@code e2e.louise}, coming online, is given it. */
    private static Answered answeredByLouise() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        TestSocket console = helpline.availableConsole(0, "e2e.louise", TestConfig.PASSWORD);
        assertEquals(visitor.conversation(), console.next("assigned").getString("conversation"));
        return new Answered(visitor, console);
    }

    /** The counsellor writes {@code count} messages ("while you were away 1", ...), each acknowledged. */
    private static void writeWhileAway(TestSocket console, String conversation, int count) {
        for (int i = 1; i <= count; i++) {
            console.send(sendTo(conversation, "c-" + i, "while you were away " + i));
            console.next("ack");
        }
    }

    @Test
    void aResentClientIdIsStoredOnceAndAcknowledgedWithTheSameSequence() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("inDanger", true));
        TestSocket v = visitor.socket();
        v.send(send("v-same", "help"));
        JsonObject first = v.next("ack");
        v.send(send("v-same", "help"));
        JsonObject second = v.next("ack");
        assertEquals(first.getLong("seq"), second.getLong("seq"));
        assertTrue(second.getBoolean("duplicate"));
        v.send(send("v-next", "again"));
        assertEquals(first.getLong("seq") + 1, v.next("ack").getLong("seq"));
        List<JsonObject> echoes = v.exactly("message", 2);
        assertEquals(2, echoes.size(), echoes.toString());

        TestSocket resumed = helpline.socket(0, "/ws/visitor");
        resumed.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()));
        resumed.next("resumed");
        assertEquals(2, resumed.exactly("message", 2).size());
        v.send(new JsonObject().put("type", "end"));
        v.next("ended");
    }

    @Test
    void aWrongResumeSecretRevealsNothing() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        TestSocket stranger = helpline.socket(0, "/ws/visitor");
        stranger.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", "guess"));
        stranger.error("not_found");
        stranger.send(new JsonObject().put("type", "resume").put("conversation", "doesNotExist")
                .put("resumeSecret", "guess"));
        stranger.error("not_found");
        stranger.assertServed();
        visitor.socket().send(new JsonObject().put("type", "end"));
        visitor.socket().next("ended");
    }

    @Test
    void noMessageTextSecretOrTokenReachesALogLineOrARedisKey() throws Exception {
        String text = "Il me frappe depuis mars, 14 rue des Lilas";
        List<String> keys;
        Helpline.Visitor visitor;
        String token;
        try (CapturedLogs logs = new CapturedLogs()) {
            token = helpline.login(0, "e2e.amina", TestConfig.PASSWORD);
            TestSocket console = helpline.socket(0, "/ws/console");
            console.send(new JsonObject().put("type", "auth").put("token", token));
            console.next("welcome");
            console.send(new JsonObject().put("type", "status").put("status", "available"));
            visitor = helpline.visitor(0, new JsonObject().put("inDanger", true));
            visitor.socket().send(send("v-private", text));
            visitor.socket().next("ack");
            console.take(f -> "message".equals(f.getString("type")) && text.equals(f.getString("text")), "text");
            visitor.socket().sendText("{\"type\":\"send\",\"clientId\":\"x\",\"text\":\"" + text + "\"");
            visitor.socket().error("bad_json");
            console.send(new JsonObject().put("type", "status").put("status", "away"));
            console.next("status");
            visitor.end();
            RedisClient client = RedisClient.create(helpline.redis().url());
            try (var redis = client.connect()) {
                keys = redis.sync().keys("*");
            } finally {
                client.shutdown();
            }
            for (String line : logs.lines()) {
                assertFalse(line.contains("rue des Lilas"), "message text logged: " + line);
                assertFalse(line.contains(visitor.secret()), "resume secret logged: " + line);
                assertFalse(line.contains(token), "session token logged: " + line);
            }
        }
        assertFalse(keys.isEmpty());
        for (String key : keys) {
            assertFalse(key.contains("Lilas") || key.contains(visitor.secret()) || key.contains(token), key);
            assertFalse(key.contains("127.0.0.1") || key.contains("localhost"), key);
        }
    }

    @Test
    void theDemoAccountDocumentedInTheReadmeLogsIn() {
        assertTrue(helpline.login(0, "demo.amina", "demo-helpline-2026").length() > 30);
        assertEquals(401, helpline.post(0, "/api/counsellor/login",
                new JsonObject().put("id", "demo.amina").put("password", "wrong").encode()).statusCode());
        assertEquals(401, helpline.post(0, "/api/counsellor/login",
                new JsonObject().put("id", "nobody").put("password", "wrong").encode()).statusCode());
    }

    /** Its password is in the README: from another machine (here forwarded by the trusted proxy) it opens nothing. */
    @Test
    void theDemoAccountLogsInOnlyFromTheServersOwnMachine() {
        HttpResponse<String> remote = helpline.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + helpline.port(0) + "/api/counsellor/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "192.0.2.44")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("id", "demo.supervisor")
                        .put("password", "demo-helpline-2026").encode())).build());
        assertEquals(403, remote.statusCode());
        assertEquals("demo_local_only", new JsonObject(remote.body()).getString("error"));
    }
}
