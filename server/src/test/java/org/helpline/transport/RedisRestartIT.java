package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KillArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.store.Deadline;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis restarts under a live chat: frames sent while it is down get {@code unavailable} (nothing stored), the resend
 * with the same client id is stored once, live delivery resumes on both sides, and nothing accepted before is lost.
 * Also the nodes' pub/sub connections dropped alone: what was published while they were away reaches both sides. And
 * a monitoring stopped while Redis is down: its end is recorded once Redis is back, so the counsellor's case record
 * does not go on saying that she is watched. And an escalation whose record Redis does not take at once (its writes
 * paused): recorded once, the supervisors alerted once, when Redis takes writes again. A visitor's departure while
 * Redis is down is recorded once it is back. A monitored chat's return to the queue published while the pub/sub
 * connections were down ends the monitoring once they are back. A console's auth that Redis refuses half-way may be
 * sent again on the same socket.
 */
class RedisRestartIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(
            TestConfig.counsellor("restart.amina", 2), TestConfig.counsellor("restart.louise", 2),
            TestConfig.counsellor("restart.nadia", 2), TestConfig.counsellor("restart.ines", 2),
            TestConfig.counsellor("restart.zoe", 2), TestConfig.counsellor("restart.maya", 2),
            TestConfig.counsellor("restart.lea", 2), TestConfig.counsellor("restart.rita", 2),
            TestConfig.supervisor("restart.sam"),
            TestConfig.counsellor("restart.olga", 1, TestConfig.OFFER)));

    private static JsonObject send(String clientId, String text) {
        return new JsonObject().put("type", "send").put("clientId", clientId).put("text", text);
    }

    @Test
    void aChatSurvivesARedisRestartWithoutLosingOrDoublingAMessage() {
        TestSocket console = helpline.availableConsole(1, "restart.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("assigned").getString("conversation");
        visitor.socket().send(send("v-1", "before the restart"));
        assertEquals(1, visitor.socket().next("ack").getLong("seq"));
        assertEquals("before the restart", console.next("message").getString("text"));

        helpline.redis().stop();
        visitor.socket().send(send("v-2", "while Redis is down"));
        JsonObject refused = visitor.socket().error("unavailable");
        assertEquals("v-2", refused.getString("ref"));
        helpline.redis().restart();

        visitor.socket().send(send("v-2", "while Redis is down"));
        JsonObject ack = visitor.socket().untilAcked(send("v-2", "while Redis is down"), Duration.ofSeconds(20));
        assertEquals(2, ack.getLong("seq"));
        JsonObject delivered = console.take(f -> "message".equals(f.getString("type")) && f.getLong("seq") == 2,
                "the message sent around the restart");
        assertEquals("while Redis is down", delivered.getString("text"));

        console.send(send("c-1", "I got it").put("conversation", conversation));
        assertEquals(3, console.next("ack").getLong("seq"));
        visitor.socket().take(f -> "message".equals(f.getString("type")) && f.getLong("seq") == 3, "reply");

        TestSocket fresh = helpline.socket(0, "/ws/visitor");
        fresh.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                .put("resumeSecret", visitor.secret()));
        assertEquals(3, fresh.next("resumed").getLong("lastSeq"));
        List<JsonObject> history = fresh.exactly("message", 3);
        assertEquals(List.of(1L, 2L, 3L), history.stream().map(m -> m.getLong("seq")).toList());
        visitor.end();
    }

    @Test
    void messagesSentWhileThePubSubConnectionsAreDownAreDeliveredWhenTheyComeBack() {
        TestSocket console = helpline.availableConsole(1, "restart.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("assigned").getString("conversation");

        // published while the nodes reconnect (from 10 ms on), so read back from the log when they are back
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        visitor.socket().send(send("v-1", "sent during the drop"));
        assertEquals(1, visitor.socket().next("ack").getLong("seq"));
        assertEquals("sent during the drop", console.take(f -> "message".equals(f.getString("type"))
                && f.getLong("seq") == 1, "the visitor's message").getString("text"));

        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        console.send(send("c-1", "answered during the drop").put("conversation", conversation));
        assertEquals(2, console.next("ack").getLong("seq"));
        assertEquals("answered during the drop", visitor.socket().take(f -> "message".equals(f.getString("type"))
                && f.getLong("seq") == 2, "the counsellor's reply").getString("text"));
        visitor.end();
    }

    /** A supervisor's socket on the other node, once this console (holding its chat) is set away. */
    private static TestSocket supervisor(TestSocket console) {
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        TestSocket supervisor = helpline.socket(1, "/ws/supervisor");
        supervisor.send(new JsonObject().put("type", "auth")
                .put("token", helpline.login(1, "restart.sam", TestConfig.PASSWORD)));
        supervisor.next("welcome");
        return supervisor;
    }

    @Test
    void theEndOfAMonitoringStoppedWhileRedisIsDownIsRecordedWhenItIsBack() {
        TestSocket console = helpline.availableConsole(0, "restart.louise", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        TestSocket supervisor = supervisor(console);
        supervisor.send(new JsonObject().put("type", "monitor").put("conversation", visitor.conversation()));
        supervisor.next("monitoring");
        String notes = Keys.notes(visitor.conversation());
        long entries = helpline.inRedis(redis -> redis.llen(notes));

        helpline.redis().stop();
        supervisor.send(new JsonObject().put("type", "unmonitor").put("conversation", visitor.conversation()));
        assertEquals("stopped", supervisor.next("monitor_ended").getString("reason"));
        helpline.redis().restart();

        Waits.until(() -> helpline.inRedis(redis -> redis.llen(notes)) == entries + 1, 20,
                "the end of the monitoring recorded");
        supervisor.close();
        visitor.end();
    }

    /**
     * Redis refuses a console's auth half-way, once the session was found (the counsellor's profile not written): it is
     * answered {@code unavailable}, the socket does not act as logged in (nor as a console that closed), and the same
     * {@code auth} sent again on that socket opens the console (protocol.md: resend the same frame).
     */
    @Test
    void aConsoleAuthRedisRefusesHalfWayMayBeSentAgainOnTheSameSocket() {
        String token = helpline.login(0, "restart.lea", TestConfig.PASSWORD);
        TestSocket console = helpline.socket(0, "/ws/console");
        JsonObject auth = new JsonObject().put("type", "auth").put("token", token);
        aclOfNodes("-hset"); // the session's read and touch are served; the profile's HSET is refused
        try {
            console.send(auth);
            assertEquals("auth", console.error("unavailable").getString("ref"));
        } finally {
            aclOfNodes("+hset");
        }
        console.send(new JsonObject().put("type", "status").put("status", "available"));
        console.error("unauthenticated"); // not half logged in
        assertNull(helpline.inRedis(redis -> redis.zscore(Keys.DEADLINES, Deadline.presence("restart.lea").member())),
                "no console of hers opened, none closed: no grace started for her chats");
        console.send(auth);
        assertEquals("restart.lea", console.next("welcome").getJsonObject("counsellor").getString("id"));
        console.close();
    }

    /**
     * A chat offered to a counsellor whose console could not check the offer (Redis refused its read of the chat) is
     * shown to her once Redis serves the read again, well before the offer's accept timeout (20 s) runs out: the
     * check is tried again, not given up.
     */
    @Test
    void anOfferWhoseCheckRedisRefusedIsShownOnceRedisServesTheReadAgain() {
        TestSocket console = helpline.console(0, "restart.olga", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        helpline.inRedis(redis -> redis.aclLogReset());
        aclOfNodes("-hgetall");
        try {
            console.send(new JsonObject().put("type", "status").put("status", "available"));
            console.next("status");
            Waits.until(() -> helpline.inRedis(redis -> redis.aclLog()).stream()
                    .anyMatch(entry -> "hgetall".equals(entry.get("object"))), 10, "the offer's check refused");
        } finally {
            aclOfNodes("+hgetall");
        }
        JsonObject offer = console.take(frame -> "offer".equals(frame.getString("type")), "the offer shown",
                Duration.ofSeconds(10));
        assertEquals(visitor.conversation(), offer.getString("conversation"));
        console.send(new JsonObject().put("type", "accept").put("conversation", visitor.conversation()));
        assertEquals(visitor.conversation(), console.next("assigned").getString("conversation"));
        visitor.end();
        console.close();
    }

    /**
     * An offer shown on a console whose node's pub/sub link then dropped while the chat ended (written here as the
     * end script writes it, without its word): once the link is back the console is told the offer is gone, and not
     * left showing an offer nobody can accept.
     */
    @Test
    void anOfferWhoseWithdrawalWasLostInAPubSubGapIsWithdrawnWhenItComesBack() {
        TestSocket console = helpline.console(0, "restart.olga", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        console.send(new JsonObject().put("type", "status").put("status", "available"));
        console.next("status");
        assertEquals(visitor.conversation(), console.take(frame -> "offer".equals(frame.getString("type")),
                "the offer shown", Duration.ofSeconds(10)).getString("conversation"));

        helpline.inRedis(redis -> {
            redis.hset(Keys.conversation(visitor.conversation()), Map.of("status", "ended", "endedBy", "visitor"));
            redis.zrem(Keys.QUEUE, visitor.conversation());
            return redis.srem(Keys.counsellorOffers("restart.olga"), visitor.conversation());
        });
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));

        JsonObject withdrawn = console.take(f -> "offer_withdrawn".equals(f.getString("type")), "the offer withdrawn",
                Duration.ofSeconds(20));
        assertEquals(visitor.conversation(), withdrawn.getString("conversation"));
        assertEquals("gone", withdrawn.getString("reason"));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        console.close();
    }

    private static void aclOfNodes(String rule) {
        helpline.inRedis(redis -> redis.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("SETUSER").add("default").add(rule)));
    }

    @Test
    void anEscalationRedisCouldNotRecordAtOnceIsRecordedAndAlertedOnceWhenItCan() {
        TestSocket console = helpline.availableConsole(0, "restart.nadia", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        TestSocket supervisor = supervisor(console);

        // reads are served, writes (and scripts) wait 5 s: longer than a command's timeout, so the record's first
        // try fails on the node, and runs in Redis all the same once the pause ends, as do the node's tries after it
        helpline.inRedis(redis -> redis.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(5000).add("WRITE")));
        console.send(new JsonObject().put("type", "escalate").put("conversation", visitor.conversation())
                .put("target", "fr-police-17"));
        String escalation = console.next("escalation").getString("escalation");

        supervisor.take(f -> "alert".equals(f.getString("type"))
                && escalation.equals(f.getString("escalation")), "the escalation's alert", Duration.ofSeconds(30));
        Waits.until(() -> helpline.inRedis(redis -> redis.lrange(Keys.ESCALATIONS, 0, -1)).stream()
                .map(JsonObject::new).filter(entry -> escalation.equals(entry.getString("id")))
                .map(entry -> entry.getString("webhook")).toList(), List.of("no_webhook")::equals, 30,
                "recorded once, with its outcome");
        assertEquals(List.of(), supervisor.all("alert", Duration.ofSeconds(3)).stream()
                .filter(f -> escalation.equals(f.getString("escalation"))).toList(), "alerted once");
        supervisor.close();
        visitor.end();
    }

    /**
     * Redis down when she escalates: the number and the script come at once all the same (from the chat's triage as
     * her console was given it), and the escalation is recorded and the supervisors alerted once Redis is back.
     */
    @Test
    void anEscalationWhileRedisIsDownGivesTheNumberAtOnceAndIsRecordedWhenItIsBack() {
        TestSocket console = helpline.availableConsole(0, "restart.ines", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject().put("region", "london"));
        TestSocket supervisor = supervisor(console);
        helpline.redis().stop();
        console.send(new JsonObject().put("type", "escalate").put("conversation", visitor.conversation())
                .put("target", "emergency"));
        JsonObject shown = console.next("escalation");
        assertEquals("gb-999", shown.getJsonObject("target").getString("id"), "her country's, from her triage");
        assertFalse(shown.getBoolean("locationIncluded"));
        console.send(new JsonObject().put("type", "directory").put("conversation", visitor.conversation()));
        assertEquals("gb-999", console.next("directory").getJsonArray("emergency").getJsonObject(0).getString("id"),
                "her lines too, the emergency numbers first among them");
        helpline.redis().restart();
        supervisor.take(f -> "alert".equals(f.getString("type"))
                && shown.getString("escalation").equals(f.getString("escalation")), "the escalation's alert",
                Duration.ofSeconds(40));
        supervisor.close();
        visitor.end();
    }

    @Test
    void aDepartureWhileRedisIsDownIsRecordedWhenItIsBack() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = Keys.conversation(visitor.conversation());
        helpline.redis().stop();
        visitor.socket().close();
        TestSocket.sleep(Duration.ofSeconds(3)); // longer than a command's timeout: the departure's first try fails
        helpline.redis().restart();
        Waits.until(() -> "connection_lost".equals(helpline.inRedis(redis -> redis.hget(conversation,
                "visitorAway"))), 30, "the visitor away, her chat held");
        helpline.resumed(1, visitor).send(new JsonObject().put("type", "end"));
    }

    /**
     * The end of a chat whose word its sockets did not hear (published while their nodes' pub/sub connections were
     * down: here written as the end script writes it, without the word) is told to both sides once the connections
     * are back: the visitor from the conversation's state, the console from her list of held chats.
     */
    @Test
    void anEndWhoseWordWasLostInAPubSubGapIsToldToBothSidesWhenItComesBack() {
        TestSocket console = helpline.availableConsole(1, "restart.louise", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("assigned").getString("conversation");
        visitor.socket().next("assigned");
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");

        helpline.inRedis(redis -> {
            redis.hset(Keys.conversation(conversation), Map.of("status", "ended", "endedBy", "timeout"));
            return redis.srem(Keys.counsellorConversations("restart.louise"), conversation);
        });
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));

        assertEquals("timeout", visitor.socket().next("ended").getString("by"));
        JsonObject told = console.take(f -> "ended".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the chat's end", Duration.ofSeconds(20));
        assertEquals("timeout", told.getString("by"));
    }

    /**
     * A chat that ended while hers stays on her screen for its outcome; its transcript went while her node's pub/sub
     * link was down (deleted here as the retention sweep deletes an expired one, without a word): once the link is
     * back, her console is told to wipe it, as for a chat its visitor deleted.
     */
    @Test
    void anEndedChatWhoseTranscriptWentInAPubSubGapIsWipedFromTheConsole() {
        TestSocket console = helpline.availableConsole(1, "restart.rita", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        visitor.end();
        assertFalse(console.take(f -> "ended".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the chat's end").containsKey("erased"));

        helpline.inRedis(redis -> redis.del(Keys.conversation(conversation)));
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));

        JsonObject wipe = console.take(f -> "ended".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the wipe", Duration.ofSeconds(20));
        assertTrue(wipe.getBoolean("erased"));
    }

    /**
     * A console whose node's pub/sub link dropped while its visitor pressed "in danger now", shared where she is and
     * left (written here as the scripts write them, without their words) is told it all once the link is back: the
     * chat's case again, with the location, then the danger raise and her departure; after a second gap, her return,
     * and not the case it knows already.
     */
    @Test
    void whatAVisitorDidInAPubSubGapIsToldToHerCounsellor() {
        TestSocket console = helpline.availableConsole(1, "restart.zoe", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("assigned").getString("conversation");
        visitor.socket().next("assigned");
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        long at = System.currentTimeMillis();

        helpline.inRedis(redis -> redis.hset(Keys.conversation(conversation), Map.of("danger", "1", "dangerSaid", "1",
                "dangerAt", String.valueOf(at), "location", "12 rue des Lilas", "visitorAway", "quick_exit",
                "visitorAwaySince", String.valueOf(at + 1))));
        // her quick exit: her socket no longer holds her presence, and closes (an open one would take it back)
        helpline.inRedis(redis -> redis.hdel(Keys.conversation(conversation), "visitorSocket"));
        visitor.socket().close();
        Waits.until(() -> helpline.inRedis(redis -> redis.zcard(Keys.visitorSockets(conversation))) == 0, 10,
                "her socket's close seen by its node");
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));

        JsonObject again = console.take(f -> "assigned".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the chat told again", Duration.ofSeconds(20));
        assertEquals("12 rue des Lilas", again.getString("location"));
        assertTrue(again.getJsonObject("triage").getBoolean("inDanger"));
        JsonObject danger = console.next("danger");
        assertEquals(conversation, danger.getString("conversation"));
        assertEquals(at, danger.getLong("at"));
        JsonObject away = console.next("visitor_presence");
        assertFalse(away.getBoolean("present"));
        assertEquals("quick_exit", away.getString("reason"));

        helpline.inRedis(redis -> redis.hdel(Keys.conversation(conversation), "visitorAway", "visitorAwaySince"));
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        JsonObject back = console.take(f -> "visitor_presence".equals(f.getString("type")), "her return",
                Duration.ofSeconds(20));
        assertTrue(back.getBoolean("present"));
        assertEquals("returned", back.getString("reason"));
        assertTrue(console.all("assigned", Duration.ZERO).isEmpty(), "its case, unchanged, not told again");
        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        console.take(f -> "ended".equals(f.getString("type")), "the end", Duration.ofSeconds(10));
    }

    /**
     * A socket that resumed a chat a counsellor held (its header named her) is told, after a pub/sub gap, that the
     * chat went back to the queue meanwhile (written here without its word).
     */
    @Test
    void aReturnToTheQueueWhoseWordWasLostIsToldToASocketThatResumedTheChat() {
        ResumedChat chat = resumedChat("restart.nadia");
        String conversation = chat.conversation();
        TestSocket resumed = chat.resumed();

        helpline.inRedis(redis -> redis.hset(Keys.conversation(conversation), "status", "waiting"));
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        assertEquals(conversation, resumed.next("requeued").getString("conversation"));
        resumed.send(new JsonObject().put("type", "end"));
        resumed.next("ended");
    }

    /**
     * A chat its visitor deleted while the nodes' pub/sub connections were down (written here as the erase leaves the
     * chat's hash, without its word) is told erased, not merely ended, to a socket that resumed it: its page wipes the
     * conversation, as the tab that deleted it did.
     */
    @Test
    void anEraseWhoseWordWasLostIsToldAsAnEraseToASocketThatResumedTheChat() {
        ResumedChat chat = resumedChat("restart.nadia");
        String conversation = chat.conversation();
        TestSocket resumed = chat.resumed();

        helpline.inRedis(redis -> {
            redis.hset(Keys.conversation(conversation), Map.of("status", "ended", "endedBy", "visitor", "erased", "1"));
            return redis.srem(Keys.counsellorConversations("restart.nadia"), conversation);
        });
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        JsonObject ended = resumed.take(f -> "ended".equals(f.getString("type")), "the end", Duration.ofSeconds(20));
        assertTrue(ended.getBoolean("erased", false), ended.encode());
    }

    /** A chat that {@code counsellor} held (set away since), and a second socket of its visitor that resumed it. */
    private record ResumedChat(String conversation, TestSocket resumed) {
    }

    private static ResumedChat resumedChat(String counsellor) {
        TestSocket console = helpline.availableConsole(0, counsellor, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject());
        String conversation = console.next("assigned").getString("conversation");
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        return new ResumedChat(conversation, helpline.resumed(1, visitor));
    }

    /**
     * A monitored chat sent back to the queue while the nodes' pub/sub connections were down (written here as
     * counsellor_gone.lua writes it, without its word) ends the supervisor's monitoring once they are back, and the
     * end is recorded: whoever takes the chat next is not watched, nor whispered to, without the supervisor knowing.
     */
    @Test
    void aReturnToTheQueueWhoseWordWasLostEndsAMonitoring() {
        TestSocket console = helpline.availableConsole(0, "restart.maya", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        TestSocket supervisor = supervisor(console);
        supervisor.send(new JsonObject().put("type", "monitor").put("conversation", conversation));
        supervisor.next("monitoring");
        String notes = Keys.notes(conversation);
        long entries = helpline.inRedis(redis -> redis.llen(notes));

        helpline.inRedis(redis -> {
            redis.hset(Keys.conversation(conversation), "status", "waiting");
            return redis.srem(Keys.counsellorConversations("restart.maya"), conversation);
        });
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));

        JsonObject ended = supervisor.take(f -> "monitor_ended".equals(f.getString("type")), "the monitoring's end",
                Duration.ofSeconds(20));
        assertEquals(conversation, ended.getString("conversation"));
        assertEquals("requeued", ended.getString("reason"));
        Waits.until(() -> helpline.inRedis(redis -> redis.llen(notes)) == entries + 1, 10,
                "the end of the monitoring recorded");
        supervisor.send(new JsonObject().put("type", "whisper").put("conversation", conversation).put("text", "hi"));
        supervisor.error("not_monitoring");
        visitor.end();
    }
}
