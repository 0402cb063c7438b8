package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.RoutingMode;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Offers, pick, transfer, queue positions and re-queue on disconnect, end to end over WebSockets. */
class RoutingIT {
    private static final String PICKERS = "test-pick";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(
                TestConfig.counsellor("offer.a", 1, TestConfig.OFFER),
                TestConfig.counsellor("offer.b", 1, TestConfig.OFFER),
                TestConfig.counsellor("offer.miss", 3, TestConfig.OFFER),
                TestConfig.counsellor("offer.answer", 1, TestConfig.OFFER),
                TestConfig.counsellor("pick.p", 2, PICKERS),
                TestConfig.counsellor("pick.q", 2, PICKERS),
                TestConfig.counsellor("transfer.from", 2),
                TestConfig.counsellor("transfer.to", 2),
                TestConfig.counsellor("transfer.assoc", 2, TestConfig.OFFER),
                TestConfig.counsellor("gone.a", 2),
                TestConfig.counsellor("gone.b", 2),
                TestConfig.counsellor("gone.escalating", 2),
                TestConfig.counsellor("gone.break", 2),
                TestConfig.supervisor("gone.supervisor"));
        List<Association> associations = new ArrayList<>(base.associations());
        associations.add(TestConfig.association(PICKERS, RoutingMode.DIRECT, true, Set.of("pick-region")));
        return ConfigBuilder.from(base).quickTimers().associations(associations).build();
    }

    static JsonObject frame(String type, String conversation) {
        return new JsonObject().put("type", type).put("conversation", conversation);
    }

    static void away(TestSocket console) {
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    @Test
    void anOfferIsAcceptedThenTheChatIsTheirs() {
        TestSocket console = helpline.availableConsole(0, "offer.a", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject().put("childrenInvolved", true));
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "hello"));
        JsonObject offer = console.next("offer");
        assertEquals(visitor.conversation(), offer.getString("conversation"));
        assertEquals("children", offer.getString("priority"));
        assertEquals(2, offer.getLong("acceptWithinSeconds"));
        console.send(frame("accept", visitor.conversation()));
        JsonObject assigned = console.next("assigned");
        assertEquals(visitor.conversation(), assigned.getString("conversation"));
        assertEquals("hello", console.next("message").getString("text"));
        assertEquals("Counsellor offer.a", visitor.socket().next("assigned").getJsonObject("counsellor")
                .getString("name"));
        console.send(frame("accept", visitor.conversation()));
        console.error("offer_gone");
        away(console);
        visitor.end();
    }

    @Test
    void aVisitorWhoLeavesWithdrawsTheOffer() {
        TestSocket console = helpline.availableConsole(1, "offer.b", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        assertEquals(visitor.conversation(), console.next("offer").getString("conversation"));
        visitor.end();
        assertEquals("ended", console.next("offer_withdrawn").getString("reason"));
        console.send(frame("accept", visitor.conversation()));
        console.error("offer_gone");
        away(console);
    }

    @Test
    void aDeclinedOfferGoesToTheNextCounsellorAndNotBack() {
        TestSocket a = helpline.availableConsole(0, "offer.a", TestConfig.PASSWORD);
        TestSocket b = helpline.availableConsole(1, "offer.b", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        TestSocket first = a;
        TestSocket second = b;
        JsonObject offer = TestSocketPair.firstOffer(a, b);
        if (offer.getString("to").equals("b")) {
            first = b;
            second = a;
        }
        first.send(frame("decline", visitor.conversation()));
        assertEquals("declined", first.next("offer_withdrawn").getString("reason"));
        assertEquals(visitor.conversation(), second.next("offer").getString("conversation"));
        second.send(frame("decline", visitor.conversation()));
        second.next("offer_withdrawn");
        // A wrong offer would come with the round the decline triggers, or at the latest with the next routing tick
        // (every second): listening a tick and a margin is enough.
        assertTrue(first.all("offer", Duration.ofMillis(1200)).isEmpty(), "no offer back within the cool-down");
        assertTrue(second.all("offer", Duration.ZERO).isEmpty());
        away(a);
        away(b);
        visitor.end();
    }

    @Test
    void expiredOffersMoveOnAndTooManyInARowSetTheCounsellorAway() {
        TestSocket console = helpline.availableConsole(0, "offer.miss", TestConfig.PASSWORD);
        List<Helpline.Visitor> visitors = List.of(helpline.visitor(0, new JsonObject()),
                helpline.visitor(1, new JsonObject()), helpline.visitor(0, new JsonObject()));
        for (int i = 0; i < 3; i++) {
            console.next("offer");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("expired", console.next("offer_withdrawn").getString("reason"));
        }
        JsonObject status = console.next("status");
        assertEquals("away", status.getString("status"));
        assertEquals("missed_offers", status.getString("reason"));
        assertTrue(status.containsKey("awayReason"), "as every status frame: " + status.encode());
        assertNull(status.getValue("awayReason"), "no reason of her own");
        for (Helpline.Visitor visitor : visitors) {
            TestSocket check = helpline.socket(0, "/ws/visitor");
            check.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                    .put("resumeSecret", visitor.secret()));
            assertEquals("waiting", check.next("resumed").getString("status"), "back in the queue");
            visitor.end();
        }
    }

    /** A decline, as an accept, breaks the run of offers let expire: she answered, she is not set away for it. */
    @Test
    void aDeclineBreaksTheRunOfMissedOffers() {
        TestSocket console = helpline.availableConsole(0, "offer.answer", TestConfig.PASSWORD);
        helpline.inRedis(redis -> redis.hset(Keys.counsellor("offer.answer"), "missed", "2")); // two let expire
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        assertEquals(visitor.conversation(), console.next("offer").getString("conversation"));
        console.send(frame("decline", visitor.conversation()));
        assertEquals("declined", console.next("offer_withdrawn").getString("reason"));
        assertEquals("0", helpline.inRedis(redis -> redis.hget(Keys.counsellor("offer.answer"), "missed")));
        away(console);
        visitor.end();
    }

    @Test
    void aCounsellorWhoMayPickSeesTheWaitingChatAndTakesIt() {
        TestSocket p = helpline.console(0, "pick.p", TestConfig.PASSWORD);
        TestSocket q = helpline.console(1, "pick.q", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject().put("region", "pick-region")
                .put("topic", "shelter").put("language", "fr").put("role", "relative"));
        JsonObject listed = p.take(f -> "waiting".equals(f.getString("type"))
                && f.getJsonArray("conversations").size() > 0, "a waiting list with the chat");
        JsonObject item = listed.getJsonArray("conversations").getJsonObject(0);
        assertEquals(visitor.conversation(), item.getString("conversation"));
        assertEquals("shelter", item.getString("topic"));
        assertEquals("relative", item.getString("role"));
        assertEquals("standard", item.getString("priority"));
        assertTrue(!item.containsKey("text") && !item.containsKey("resumeSecret"), "nothing identifying");
        p.send(frame("pick", visitor.conversation()));
        assertEquals(visitor.conversation(), p.next("assigned").getString("conversation"));
        q.send(frame("pick", visitor.conversation()));
        q.error("not_waiting");
        visitor.socket().next("assigned");
        visitor.end();
    }

    @Test
    void aTransferCarriesTheHistoryAndAnInternalNote() {
        TestSocket from = helpline.availableConsole(0, "transfer.from", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject().put("topic", "shelter"));
        String conversation = from.next("assigned").getString("conversation");
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "I need a bed"));
        from.next("message");
        away(from);
        TestSocket to = helpline.console(1, "transfer.to", TestConfig.PASSWORD);
        from.send(frame("transfer", conversation).put("toCounsellor", "transfer.to")
                .put("note", "Needs emergency shelter tonight, two children"));
        assertEquals("transferred", from.next("released").getString("reason"));
        JsonObject assigned = to.next("assigned");
        assertEquals("Needs emergency shelter tonight, two children",
                assigned.getJsonArray("notes").getJsonObject(0).getString("text"));
        assertEquals("I need a bed", to.next("message").getString("text"));
        JsonObject told = visitor.socket().take(f -> "transferred".equals(f.getString("type")), "the transfer");
        assertEquals("Counsellor transfer.to", told.getJsonObject("counsellor").getString("name"));
        assertTrue(visitor.socket().all("message", TestSocket.QUIET).stream()
                .noneMatch(m -> m.getString("text").contains("emergency shelter")), "the note stays internal");

        TestSocket association = helpline.availableConsole(0, "transfer.assoc", TestConfig.PASSWORD);
        to.send(frame("transfer", conversation).put("toAssociation", TestConfig.OFFER));
        to.next("released");
        assertEquals(conversation, association.next("assigned").getString("conversation"));
        association.send(frame("transfer", conversation).put("toCounsellor", "offer.b"));
        assertEquals("offline", association.error("transfer_failed").getString("reason"));
        away(association);
        visitor.end();
    }

    @Test
    void waitingVisitorsSeeTheirPlaceMoveUp() {
        List<Helpline.Visitor> visitors = List.of(helpline.visitor(0, new JsonObject().put("region", "nowhere")),
                helpline.visitor(1, new JsonObject().put("region", "nowhere")),
                helpline.visitor(0, new JsonObject().put("region", "nowhere")));
        JsonObject third = visitors.get(2).socket().next("queue");
        long before = third.getLong("position");
        assertTrue(before >= 3, third.encode());
        assertTrue(third.containsKey("estimatedWaitSeconds"));
        visitors.get(0).end();
        JsonObject moved = visitors.get(2).socket().take(f -> "queue".equals(f.getString("type"))
                && f.getLong("position") == before - 1, "a position one closer");
        assertEquals(visitors.get(2).conversation(), moved.getString("conversation"));
        visitors.get(1).end();
        visitors.get(2).end();
    }

    @Test
    void aCounsellorWhoLeavesGivesTheChatBackWithItsHistory() {
        TestSocket a = helpline.availableConsole(0, "gone.a", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject());
        String conversation = a.next("assigned").getString("conversation");
        visitor.socket().next("assigned");
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "still here"));
        a.next("message");
        a.close();
        JsonObject requeued = visitor.socket().next("requeued");
        assertEquals("counsellor_unavailable", requeued.getString("reason"));
        TestSocket b = helpline.availableConsole(1, "gone.b", TestConfig.PASSWORD);
        assertEquals(conversation, b.next("assigned").getString("conversation"));
        assertEquals("still here", b.next("message").getString("text"));
        assertEquals("Counsellor gone.b", visitor.socket().next("assigned").getJsonObject("counsellor")
                .getString("name"));
        away(b);
        visitor.end();
        Map<String, Long> counts = helpline.deadlineCounts();
        assertEquals(counts.get("created"), counts.getOrDefault("fired", 0L) + counts.getOrDefault("cancelled", 0L)
                + counts.get("pending"), counts.toString());
        assertNotEquals(0L, counts.getOrDefault("fired", 0L));
    }

    /**
     * A chat its counsellor escalated goes back to the queue when her console is gone: ahead, with the danger class's
     * head start (she called the police for this visitor), and the supervisors are told.
     */
    @Test
    void anEscalatedChatWhoseCounsellorLeavesGoesBackAheadAndSupervisorsAreTold() {
        TestSocket supervisor = helpline.supervisor(1, "gone.supervisor", TestConfig.PASSWORD);
        TestSocket console = helpline.availableConsole(0, "gone.escalating", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        console.send(frame("escalate", conversation).put("target", "fr-police-17"));
        console.next("escalation");
        assertEquals("escalation", supervisor.next("alert").getString("kind"));
        console.close();
        assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));

        JsonObject alert = supervisor.next("alert");
        assertEquals("requeued", alert.getString("kind"));
        assertEquals(conversation, alert.getString("conversation"));
        assertEquals(List.of("escalated"), alert.getJsonArray("reasons").getList());
        assertEquals(TestConfig.DIRECT, alert.getString("association"), "the association that held it");
        long createdAt = Long.parseLong(conversationField(conversation, "createdAt"));
        long headStart = helpline.config().routing().priority().dangerHeadStart().toMillis();
        assertEquals(createdAt - headStart, Double.parseDouble(conversationField(conversation, "score")), 1.0,
                "queued as if it had arrived in danger");
        visitor.end();
    }

    /**
     * A counsellor who had set herself away (a break) before closing her console keeps her own away: back, she is not
     * told that the service lost her (no {@code awayBy}), only that her chat went back to the queue.
     */
    @Test
    void aCounsellorAwayByChoiceWhoLeavesIsNotToldSheLostTheConnection() {
        TestSocket console = helpline.availableConsole(0, "gone.break", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        console.send(new JsonObject().put("type", "status").put("status", "away").put("awayReason", "break"));
        assertEquals("break", console.next("status").getString("awayReason"));
        console.close();
        assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"),
                "her chat goes back to the queue all the same");
        assertNull(helpline.inRedis(redis -> redis.hget(Keys.counsellor("gone.break"), "awayBy")));

        TestSocket back = helpline.socket(1, "/ws/console");
        String token = helpline.login(1, "gone.break", TestConfig.PASSWORD);
        back.send(new JsonObject().put("type", "auth").put("token", token)
                .put("resume", new JsonObject().put(conversation, 0)));
        JsonObject welcome = back.next("welcome");
        assertEquals("away", welcome.getString("status"));
        assertEquals("break", welcome.getString("awayReason"), "her own reason kept");
        assertFalse(welcome.containsKey("awayBy"), "not set away by the server: " + welcome.encode());
        JsonObject released = back.next("released");
        assertEquals(conversation, released.getString("conversation"));
        assertEquals("requeued", released.getString("reason"), "not offline: she was not set away for it");
        visitor.end();
    }

    private static String conversationField(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    /** Which of two consoles got the first offer. */
    private static final class TestSocketPair {
        static JsonObject firstOffer(TestSocket a, TestSocket b) {
            Waits.until(() -> a.count("offer") + b.count("offer") > 0, 10, "an offer");
            return a.count("offer") > 0 ? a.next("offer").put("to", "a") : b.next("offer").put("to", "b");
        }
    }
}
