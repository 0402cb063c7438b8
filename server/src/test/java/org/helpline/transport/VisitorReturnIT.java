package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.auth.ResumeCode;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Limits;
import org.helpline.support.CapturedLogs;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A visitor who leaves and comes back, over real WebSockets and a real Redis: the resume code, "delete my
 * conversation now", and the visitor's presence as the counsellor sees it (away, back; the last socket attached wins).
 */
class VisitorReturnIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    /**
     * The test counsellors, and sockets that take 50 frames a second (burst 60) instead of 5: a test writes more than
     * a page of messages without waiting for the socket's rate (the 60 messages a minute of a chat still hold).
     */
    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(
                TestConfig.counsellor("code.amina", 3), TestConfig.counsellor("forget.amina", 3),
                TestConfig.counsellor("forget.louise", 3), TestConfig.counsellor("away.amina", 3),
                TestConfig.counsellor("exit.amina", 3), TestConfig.counsellor("last.amina", 3),
                TestConfig.counsellor("reclaim.amina", 3), TestConfig.counsellor("offline.amina", 3),
                TestConfig.counsellor("unrecorded.amina", 3), TestConfig.counsellor("requeued.amina", 1),
                TestConfig.counsellor("ended.amina", 3), TestConfig.counsellor("null.amina", 3),
                TestConfig.counsellor("reload.amina", 3), TestConfig.counsellor("missed.amina", 3),
                TestConfig.counsellor("shown.amina", 3));
        Limits limits = base.limits();
        return ConfigBuilder.from(base).limits(new Limits(limits.maxFrameBytes(), limits.hardMessageBytes(),
                limits.maxTextChars(), 50, 60, limits.maxViolations(), limits.messagesPerMinutePerConversation(),
                limits.messagesPerConversation(), limits.visitorBytesPerConversation(),
                limits.socketsPerConversation(), limits.framesHandledPerNode())).build();
    }

    private static JsonObject send(String clientId, String text) {
        return new JsonObject().put("type", "send").put("clientId", clientId).put("text", text);
    }

    private static JsonObject resumeWithCode(String code) {
        return new JsonObject().put("type", "resume").put("code", code);
    }

    private static JsonObject resumeWithSecret(String conversation, String secret) {
        return new JsonObject().put("type", "resume").put("conversation", conversation).put("resumeSecret", secret);
    }

    /** A visitor whose chat went straight to this (available, direct-assignment) counsellor. */
    private static Helpline.Visitor assignedVisitor(TestSocket console) {
        return helpline.assignedVisitor(console, new JsonObject().put("language", "fr"));
    }

    /** The visitor says something and it is stored. */
    private static void say(TestSocket visitor, String text) {
        visitor.send(send("v-1", text));
        visitor.next("ack");
    }

    private static JsonObject endedFor(TestSocket console, String conversation) {
        return console.take(f -> "ended".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "ended for " + conversation);
    }

    private static JsonObject presence(TestSocket console, String conversation) {
        return console.take(f -> "visitor_presence".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "visitor_presence for " + conversation);
    }

    private static String awayField(String conversation) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "visitorAway"));
    }

    private static Double holdDeadline(String conversation) {
        return helpline.inRedis(redis -> redis.zscore("hl:deadlines", "hold|" + conversation));
    }

    @Test
    void aFreshSocketResumesWithTheCodeAndGetsEveryMessageAndANewSecret() {
        TestSocket console = helpline.availableConsole(0, "code.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String code = visitor.started().getString("resumeCode");
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);
        say(visitor.socket(), "Je suis partie de chez moi");
        console.send(send("c-1", "Vous êtes en sécurité maintenant ?").put("conversation", visitor.conversation()));
        visitor.socket().take(f -> "message".equals(f.getString("type")) && f.getLong("seq") == 2, "reply");

        TestSocket elsewhere = helpline.socket(0, "/ws/visitor");
        elsewhere.send(resumeWithCode(" " + code.toLowerCase().replace("-", " ") + " "));
        JsonObject resumed = elsewhere.next("resumed");
        assertEquals(visitor.conversation(), resumed.getString("conversation"));
        assertEquals("active", resumed.getString("status"));
        assertEquals(2, resumed.getLong("lastSeq"));
        assertEquals("Counsellor code.amina", resumed.getJsonObject("counsellor").getString("name"));
        String newSecret = resumed.getString("resumeSecret");
        assertTrue(newSecret.length() >= 40);
        assertNotEquals(visitor.secret(), newSecret);
        List<JsonObject> messages = elsewhere.exactly("message", 2);
        assertEquals(List.of("Je suis partie de chez moi", "Vous êtes en sécurité maintenant ?"),
                messages.stream().map(m -> m.getString("text")).toList());

        assertEquals(visitor.conversation(), visitor.socket().next("replaced").getString("conversation"));
        assertEquals(VisitorSocket.REPLACED, visitor.socket().awaitClose(), "the old tab is told and closed");

        TestSocket oldTab = helpline.socket(0, "/ws/visitor");
        oldTab.send(resumeWithSecret(visitor.conversation(), visitor.secret()));
        oldTab.error("not_found");
        TestSocket later = helpline.socket(0, "/ws/visitor");
        later.send(resumeWithSecret(visitor.conversation(), newSecret).put("afterSeq", 2));
        assertEquals(2, later.next("resumed").getLong("lastSeq"));
        later.send(send("v-2", "Oui, chez ma sœur"));
        assertEquals(3, later.next("ack").getLong("seq"));
        assertEquals("Oui, chez ma sœur", console.take(f -> "message".equals(f.getString("type"))
                && f.getLong("seq") == 3, "the message from the new browser").getString("text"));
        assertTrue(console.all("visitor_presence", TestSocket.QUIET).isEmpty(),
                "the visitor never went away: they moved");
    }

    /**
     * Her page keeps the resume code in memory only (the browser writes session storage to its disk): a resume by
     * secret of an open chat (her page reloaded) gives the code back as {@code started} showed it; a resume by code
     * does not (she typed it), nor one of an ended chat (its code is gone, from the hash too).
     */
    @Test
    void aResumeBySecretOfAnOpenChatGivesItsCodeBackAndNoOtherResumeDoes() {
        TestSocket console = helpline.availableConsole(0, "reload.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        String code = visitor.started().getString("resumeCode");
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);

        TestSocket reloaded = helpline.socket(0, "/ws/visitor");
        reloaded.send(resumeWithSecret(conversation, visitor.secret()));
        JsonObject bySecret = reloaded.next("resumed");
        assertEquals("active", bySecret.getString("status"));
        assertEquals(code, bySecret.getString("resumeCode"), "the code as started showed it");
        assertNull(bySecret.getValue("resumeSecret"));

        TestSocket elsewhere = helpline.socket(0, "/ws/visitor");
        elsewhere.send(resumeWithCode(code.toLowerCase().replace("-", "")));
        JsonObject byCode = elsewhere.next("resumed");
        assertEquals(conversation, byCode.getString("conversation"));
        assertNull(byCode.getValue("resumeCode"), "a resume by code: she typed it");
        String newSecret = byCode.getString("resumeSecret");

        TestSocket reloadedThere = helpline.socket(0, "/ws/visitor");
        reloadedThere.send(resumeWithSecret(conversation, newSecret));
        assertEquals(code, reloadedThere.next("resumed").getString("resumeCode"), "the same code, shown as ever");

        elsewhere.send(new JsonObject().put("type", "end"));
        elsewhere.next("ended");
        endedFor(console, conversation);
        assertNull(helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "resumeCodeSealed")),
                "the code left the ended chat's hash");
        TestSocket afterTheEnd = helpline.socket(0, "/ws/visitor");
        afterTheEnd.send(resumeWithSecret(conversation, newSecret));
        JsonObject ended = afterTheEnd.next("resumed");
        assertEquals("ended", ended.getString("status"));
        assertNull(ended.getValue("resumeCode"), "an ended chat's code leads nowhere: not given");
    }

    /** A JSON null is an absent field: a resume with {@code "code": null} is one by secret, and the other way round. */
    @Test
    void nullFieldsOfAResumeAreAbsentOnes() {
        TestSocket console = helpline.availableConsole(0, "null.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        TestSocket bySecret = helpline.socket(0, "/ws/visitor");
        bySecret.send(resumeWithSecret(visitor.conversation(), visitor.secret()).putNull("code"));
        assertEquals(visitor.conversation(), bySecret.next("resumed").getString("conversation"));

        TestSocket byCode = helpline.socket(0, "/ws/visitor");
        byCode.send(resumeWithCode(visitor.started().getString("resumeCode")).putNull("conversation")
                .putNull("resumeSecret"));
        assertEquals(visitor.conversation(), byCode.next("resumed").getString("conversation"));
        byCode.send(new JsonObject().put("type", "end"));
        byCode.next("ended");
    }

    /** The visitor's {@code end} of a chat the counsellor ended says she ended it, as a resume's {@code endedBy}. */
    @Test
    void anEndOfAChatTheCounsellorEndedSaysWhoEndedIt() {
        TestSocket console = helpline.availableConsole(0, "ended.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        console.send(new JsonObject().put("type", "end").put("conversation", visitor.conversation()));
        assertEquals("counsellor", visitor.socket().next("ended").getString("by"));

        visitor.socket().send(new JsonObject().put("type", "end"));
        JsonObject again = visitor.socket().next("ended");
        assertEquals(visitor.conversation(), again.getString("conversation"));
        assertEquals("counsellor", again.getString("by"), "not the visitor: she did not end it");
        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(resumeWithSecret(visitor.conversation(), visitor.secret()));
        assertEquals("counsellor", back.next("resumed").getString("endedBy"));
    }

    @Test
    void aCodeNoLongerOpensTheConversationOnceItHasEnded() {
        TestSocket console = helpline.availableConsole(0, "code.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String code = visitor.started().getString("resumeCode");
        String codeKey = "hl:resume:" + ResumeCode.digest(ResumeCode.normalise(code).orElseThrow());
        say(visitor.socket(), "Il ne doit pas lire ceci");
        visitor.end();
        assertEquals(Long.valueOf(0), helpline.<Long>inRedis(redis -> redis.exists(codeKey)),
                "the code is deleted at the end");

        TestSocket finder = helpline.socket(0, "/ws/visitor");
        finder.send(resumeWithCode(code));
        finder.error("not_found");
        assertTrue(finder.all("message", TestSocket.QUIET).isEmpty(), "nothing of the transcript is sent");
    }

    @Test
    void aSocketThatKeepsGuessingCodesIsClosedEvenWithOtherFramesBetweenTheGuesses() {
        TestSocket guesser = helpline.socket(0, "/ws/visitor");
        for (int i = 1; i < VisitorSocket.WRONG_CODES_PER_SOCKET; i++) {
            guesser.send(resumeWithCode(ResumeCode.display(ResumeCode.generate())));
            guesser.error("not_found");
            guesser.send(new JsonObject().put("type", "ping"));
            guesser.next("pong");
        }
        guesser.send(resumeWithCode(ResumeCode.display(ResumeCode.generate())));
        guesser.error("not_found");
        assertEquals(1008, guesser.awaitClose());
    }

    @Test
    void wrongAndMalformedCodesAreRefusedAndTheSocketKeepsWorking() {
        TestSocket socket = helpline.socket(0, "/ws/visitor");
        socket.send(resumeWithCode("ABC"));
        JsonObject malformed = socket.error("invalid");
        assertEquals("code", malformed.getString("field"));
        assertEquals("resume", malformed.getString("ref"));
        socket.send(resumeWithCode("ABCD-EFGH-JKMU"));
        socket.error("invalid");
        socket.send(new JsonObject().put("type", "resume").put("code", 12345678));
        socket.error("invalid");
        socket.send(resumeWithCode(ResumeCode.display(ResumeCode.generate())).put("conversation", "abc"));
        assertEquals("code", socket.error("invalid").getString("field"));
        socket.send(resumeWithCode(ResumeCode.display(ResumeCode.generate())));
        assertEquals("resume", socket.error("not_found").getString("ref"));
        socket.assertServed();
        socket.send(send("v-1", "hello"));
        socket.error("not_started");
    }

    @Test
    void deletingNowErasesTheTranscriptAndTellsTheCounsellor() {
        TestSocket console = helpline.availableConsole(0, "forget.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        String code = visitor.started().getString("resumeCode");
        say(visitor.socket(), "Il lit mes messages");
        visitor.socket().send(new JsonObject().put("type", "share_location").put("location", "12 rue des Lilas"));
        visitor.socket().next("location_shared");
        assertEquals(1L, (long) helpline.inRedis(redis -> redis.exists("hl:conv:{" + conversation + "}:log")));

        visitor.socket().send(new JsonObject().put("type", "forget"));
        JsonObject ended = visitor.socket().next("ended");
        assertTrue(ended.getBoolean("erased"));
        assertEquals("visitor", ended.getString("by"));
        JsonObject told = endedFor(console, conversation);
        assertTrue(told.getBoolean("erased"));

        String key = "hl:conv:{" + conversation + "}";
        Map<String, String> tombstone = helpline.inRedis(redis -> redis.hgetall(key));
        assertEquals(Set.of("status", "counsellor", "association", "createdAt", "assignedAt", "answeredAt", "endedAt",
                "outcome", "erased"), tombstone.keySet(), tombstone.toString());
        assertEquals("ended", tombstone.get("status"));
        assertEquals("1", tombstone.get("erased"));
        assertEquals("answered", tombstone.get("outcome"));
        assertEquals("forget.amina", tombstone.get("counsellor"));
        long ttl = helpline.inRedis(redis -> redis.ttl(key));
        assertTrue(ttl > 0 && ttl <= 86_400, "the tombstone expires with the normal retention: " + ttl);
        String codeKey = "hl:resume:" + ResumeCode.digest(ResumeCode.normalise(code).orElseThrow());
        long left = helpline.inRedis(redis -> redis.exists(key + ":log", key + ":ids", key + ":notes",
                key + ":excluded", key + ":client", key + ":sockets", codeKey));
        assertEquals(0, left, "log, client ids, notes, the client key that started it, her sockets and the resume"
                + " code are gone");

        visitor.socket().send(new JsonObject().put("type", "forget"));
        assertTrue(visitor.socket().next("ended").getBoolean("erased"), "asked again: told again");
        visitor.socket().send(new JsonObject().put("type", "end"));
        assertTrue(visitor.socket().next("ended").getBoolean("erased"), "ended, and erased");
        visitor.socket().send(new JsonObject().put("type", "share_location").put("location", "5 rue Haute"));
        visitor.socket().error("conversation_ended");
        assertNull(helpline.inRedis(redis -> redis.hget(key, "location")), "nothing written on the tombstone");
        assertNull(holdDeadline(conversation));

        TestSocket bySecret = helpline.socket(0, "/ws/visitor");
        bySecret.send(resumeWithSecret(conversation, visitor.secret()));
        bySecret.error("not_found");
        TestSocket byCode = helpline.socket(0, "/ws/visitor");
        byCode.send(resumeWithCode(code));
        byCode.error("not_found");
    }

    @Test
    void aChatStartedInDangerIsNoLongerListedUnderItsClientKeyOnceDeleted() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("inDanger", true));
        String conversation = visitor.conversation();
        assertTrue(dangerListsNaming(conversation) > 0, "listed while it waits");
        assertEquals(1L, (long) helpline.inRedis(redis -> redis.exists("hl:conv:{" + conversation + "}:client")));

        visitor.socket().send(new JsonObject().put("type", "forget"));
        assertTrue(visitor.socket().next("ended").getBoolean("erased"));
        assertEquals(0, dangerListsNaming(conversation), "no client key's list names it");
        assertEquals(0L, (long) helpline.inRedis(redis -> redis.exists("hl:conv:{" + conversation + "}:client")));
    }

    /** How many client keys' in-danger lists (chats and counts) name the conversation. */
    private static long dangerListsNaming(String conversation) {
        return helpline.inRedis(redis -> redis.keys("hl:client:*:danger*").stream()
                .filter(key -> key.endsWith(":danger") ? redis.zscore(key, conversation) != null
                        : redis.hexists(key, conversation))
                .count());
    }

    /** A console opened with this session's token (kept to come back with) and set available. */
    private static TestSocket availableConsole(String token) {
        TestSocket console = helpline.socket(0, "/ws/console");
        console.send(new JsonObject().put("type", "auth").put("token", token));
        console.next("welcome");
        console.send(new JsonObject().put("type", "status").put("status", "available"));
        console.next("status");
        return console;
    }

    @Test
    void aConsoleThatWasAwayWhenTheVisitorDeletedIsToldToWipeItWhenItComesBack() {
        String token = helpline.login(0, "offline.amina", TestConfig.PASSWORD);
        TestSocket console = availableConsole(token);
        Helpline.Visitor visitor = assignedVisitor(console);
        say(visitor.socket(), "Personne ne doit lire ceci");
        console.abort();

        visitor.socket().send(new JsonObject().put("type", "forget"));
        visitor.socket().next("ended");
        TestSocket back = helpline.socket(0, "/ws/console");
        back.send(new JsonObject().put("type", "auth").put("token", token)
                .put("resume", new JsonObject().put(visitor.conversation(), 1).put("not-mine-at-all", 3)));
        assertFalse(back.next("welcome").getJsonArray("conversations").contains(visitor.conversation()));
        JsonObject wipe = back.take(f -> "ended".equals(f.getString("type"))
                && visitor.conversation().equals(f.getString("conversation")), "the wipe of the deleted chat");
        assertEquals(visitor.conversation(), wipe.getString("conversation"));
        assertTrue(wipe.getBoolean("erased"));
    }

    /**
     * Two chats ended while hers stay on her screen for their outcomes; her console dropped, and the visitor of one
     * deleted it meanwhile. Back, the console names both among those it shows ended: the deleted one is to be wiped,
     * the other is told nothing (its outcome form stays as it was). An item that is no reference is passed over; a
     * reference that names no chat (as one whose transcript is gone) is told wiped too.
     */
    @Test
    void aConsoleBackIsToldToWipeAnEndedChatItStillShowsThatItsVisitorDeleted() {
        String token = helpline.login(0, "shown.amina", TestConfig.PASSWORD);
        TestSocket console = availableConsole(token);
        Helpline.Visitor deleted = assignedVisitor(console);
        Helpline.Visitor kept = assignedVisitor(console);
        say(deleted.socket(), "Personne ne doit lire ceci");
        deleted.end();
        kept.end();
        endedFor(console, deleted.conversation());
        endedFor(console, kept.conversation());
        console.abort();

        deleted.socket().send(new JsonObject().put("type", "forget"));
        assertTrue(deleted.socket().next("ended").getBoolean("erased"));
        TestSocket back = helpline.socket(0, "/ws/console");
        back.send(new JsonObject().put("type", "auth").put("token", token).put("ended",
                new JsonArray().add(deleted.conversation()).add(kept.conversation()).add(42).add("not-mine-at-all")));
        back.next("welcome");
        assertTrue(endedFor(back, deleted.conversation()).getBoolean("erased"));
        assertTrue(endedFor(back, "not-mine-at-all").getBoolean("erased"));
        List<JsonObject> after = back.frames(TestSocket.QUIET);
        assertTrue(after.stream().noneMatch(f -> kept.conversation().equals(f.getString("conversation"))),
                "nothing about the chat not deleted: " + after);
    }

    /**
     * Her console dropped; the visitor wrote more than a page of messages and ended while the chat was still hers.
     * Back, the console gets every one of them, in order, then the end (she records the outcome from all of it).
     */
    @Test
    void aConsoleBackAfterItsChatEndedGetsEveryMessageItMissedThenTheEnd() {
        String token = helpline.login(0, "missed.amina", TestConfig.PASSWORD);
        TestSocket console = availableConsole(token);
        Helpline.Visitor visitor = assignedVisitor(console);
        console.abort();
        int written = ConversationFeed.PAGE + 5; // more than a page, within the 60 messages of a minute
        for (int i = 1; i <= written; i++) {
            visitor.socket().send(send("v-" + i, "message " + i));
            visitor.socket().next("ack");
        }
        visitor.end();

        TestSocket back = helpline.socket(0, "/ws/console");
        back.send(new JsonObject().put("type", "auth").put("token", token)
                .put("resume", new JsonObject().put(visitor.conversation(), 0)));
        back.next("welcome");
        for (int seq = 1; seq <= written; seq++) {
            JsonObject message = back.take(f -> "message".equals(f.getString("type"))
                    && visitor.conversation().equals(f.getString("conversation")), "a missed message");
            assertEquals(seq, message.getLong("seq"));
            assertEquals("message " + seq, message.getString("text"));
        }
        assertEquals("visitor", endedFor(back, visitor.conversation()).getString("by"));
    }

    /**
     * Her console gone past the grace, the chat went back to the queue; then its visitor deleted it. Back, the console
     * is told to wipe it (not that it was transferred: it would keep the transcript on screen), wherever it was then.
     */
    @Test
    void aChatDeletedAfterItWentBackToTheQueueIsWipedFromTheConsoleThatHeldIt() {
        String token = helpline.login(0, "requeued.amina", TestConfig.PASSWORD);
        TestSocket console = availableConsole(token);
        Helpline.Visitor visitor = assignedVisitor(console);
        say(visitor.socket(), "Il ne doit pas lire ceci");
        console.abort();
        helpline.graceOver("requeued.amina");
        visitor.socket().next("requeued");

        visitor.socket().send(new JsonObject().put("type", "forget"));
        visitor.socket().next("ended");
        TestSocket back = helpline.socket(0, "/ws/console");
        back.send(new JsonObject().put("type", "auth").put("token", token)
                .put("resume", new JsonObject().put(visitor.conversation(), 1)));
        back.next("welcome");
        JsonObject wipe = back.take(f -> visitor.conversation().equals(f.getString("conversation"))
                && !"status".equals(f.getString("type")), "what became of the chat");
        assertEquals("ended", wipe.getString("type"), wipe.encode());
        assertTrue(wipe.getBoolean("erased"));
    }

    @Test
    void aConversationTheCounsellorEndedCanStillBeDeletedAndTheCounsellorIsTold() {
        TestSocket console = helpline.availableConsole(0, "forget.louise", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        say(visitor.socket(), "Merci pour tout");
        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        assertEquals("counsellor", visitor.socket().next("ended").getString("by"));
        console.take(f -> "ended".equals(f.getString("type")) && !f.containsKey("erased"), "the normal end");

        visitor.socket().send(new JsonObject().put("type", "forget"));
        assertTrue(visitor.socket().next("ended").getBoolean("erased"));
        JsonObject told = endedFor(console, conversation);
        assertTrue(told.getBoolean("erased"));
        assertEquals(0L, (long) helpline.inRedis(redis -> redis.exists("hl:conv:{" + conversation + "}:log")));
        assertEquals("1", helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "erased")));
    }

    @Test
    void theCounsellorSeesTheVisitorGoAwayAndComeBack() {
        TestSocket console = helpline.availableConsole(0, "away.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        visitor.socket().close();

        JsonObject away = presence(console, conversation);
        assertFalse(away.getBoolean("present"));
        assertEquals("connection_lost", away.getString("reason"));
        assertTrue(away.getLong("at") > 0);
        assertEquals("connection_lost", awayField(conversation));
        assertTrue(holdDeadline(conversation) > System.currentTimeMillis() + 500_000, "held for 10 minutes");

        TestSocket secondConsole = helpline.console(0, "away.amina", TestConfig.PASSWORD);
        secondConsole.take(f -> "assigned".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the chat on a reloaded console");
        JsonObject replayed = presence(secondConsole, conversation);
        assertFalse(replayed.getBoolean("present"), "a console that reconnects learns the visitor is away");
        assertEquals(away.getLong("at"), replayed.getLong("at"));

        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(resumeWithSecret(conversation, visitor.secret()));
        back.next("resumed");
        JsonObject returned = presence(console, conversation);
        assertTrue(returned.getBoolean("present"));
        assertEquals("returned", returned.getString("reason"));
        assertNull(awayField(conversation));
        assertNull(holdDeadline(conversation), "coming back cancels the hold");
    }

    /**
     * A return Redis did not record (here its script fails on a key of the wrong type, the one way to fail it alone)
     * is refused with {@code unavailable}: she is not told she is back while her chat stays away until its hold ends
     * it. Resumed again once Redis records it.
     */
    @Test
    void aReturnRedisDidNotRecordIsRefusedAndTheNextResumeTakesIt() {
        TestSocket console = helpline.availableConsole(0, "unrecorded.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        visitor.socket().close();
        assertFalse(presence(console, conversation).getBoolean("present"));
        String sockets = "hl:conv:{" + conversation + "}:sockets";
        helpline.inRedis(redis -> redis.set(sockets, "not a sorted set"));

        TestSocket back = helpline.socket(0, "/ws/visitor");
        try (CapturedLogs logs = new CapturedLogs()) {
            back.send(resumeWithSecret(conversation, visitor.secret()));
            back.error("unavailable");
            assertEquals(1, logs.errors().size(), "logged once: " + logs.errors());
        }
        assertTrue(back.all("resumed", TestSocket.QUIET).isEmpty(), "not told she is back");
        assertEquals("connection_lost", awayField(conversation), "still away, as Redis has it");

        helpline.inRedis(redis -> redis.del(sockets));
        back.send(resumeWithSecret(conversation, visitor.secret()));
        back.next("resumed");
        assertTrue(presence(console, conversation).getBoolean("present"));
        assertNull(awayField(conversation));
        assertNull(holdDeadline(conversation), "coming back cancels the hold");
    }

    @Test
    void quickExitSaysSoBeforeTheSocketCloses() {
        TestSocket console = helpline.availableConsole(0, "exit.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        visitor.socket().send(new JsonObject().put("type", "away").put("reason", "bored"));
        assertEquals("reason", visitor.socket().error("invalid").getString("field"));
        visitor.socket().send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        assertEquals(1000, visitor.socket().awaitClose());
        JsonObject away = presence(console, visitor.conversation());
        assertEquals("quick_exit", away.getString("reason"));
        assertEquals("quick_exit", awayField(visitor.conversation()));
        assertTrue(console.all("visitor_presence", TestSocket.QUIET).isEmpty(),
                "the close after the away frame does not report a second departure");
    }

    @Test
    void theLastSocketAttachedHoldsThePresenceSoAReloadRacingTheOldCloseChangesNothing() {
        TestSocket console = helpline.availableConsole(0, "last.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        TestSocket reloaded = helpline.socket(0, "/ws/visitor");
        reloaded.send(resumeWithSecret(conversation, visitor.secret()));
        reloaded.next("resumed");
        visitor.socket().close();
        reloaded.assertServed();
        assertFalse(visitor.socket().all("replaced", Duration.ZERO).size() > 0, "a resume by secret replaces nobody");

        reloaded.close();
        Waits.until(() -> awayField(conversation) != null, 10, "the visitor marked away");
        List<JsonObject> events = console.exactly("visitor_presence", 1);
        assertEquals(1, events.size(), "only the socket attached last reports the departure: " + events);
    }

    @Test
    void aSocketThatLostThePresenceTakesItBackWhenItIsUsedAgain() {
        TestSocket console = helpline.availableConsole(0, "reclaim.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = assignedVisitor(console);
        String conversation = visitor.conversation();
        String firstTab = holder(conversation);
        TestSocket secondTab = helpline.socket(0, "/ws/visitor");
        secondTab.send(resumeWithSecret(conversation, visitor.secret()));
        secondTab.next("resumed");
        assertNotEquals(firstTab, holder(conversation), "the second tab attached last");
        visitor.socket().assertServed();
        assertNotEquals(firstTab, holder(conversation),
                "a ping (a tab left open in the background) does not take the presence back");
        visitor.socket().send(new JsonObject().put("type", "typing"));
        Waits.until(() -> firstTab.equals(holder(conversation)), 10,
                "the first tab taking the presence back when it is used");

        secondTab.close();
        say(visitor.socket(), "still here");
        assertNull(awayField(conversation), "closing the second tab did not make the visitor away");
        assertTrue(console.all("visitor_presence", TestSocket.QUIET).isEmpty());

        visitor.socket().close();
        assertFalse(presence(console, conversation).getBoolean("present"));
    }

    /** Which socket holds the visitor's presence (an opaque socket id). */
    private static String holder(String conversation) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "visitorSocket"));
    }
}
