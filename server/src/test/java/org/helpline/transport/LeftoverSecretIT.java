package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.RawHttp;
import org.helpline.support.SettableClock;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the browser wrote of a chat to its disk (Chromium keeps a tab's session storage in its profile until its next
 * start, removals as records after the values) opens as little as it can: a quick exit retires the resume secret (she
 * comes back with the code), and a chat that ended longer ago than the visitor's hold (10 minutes) is resumed with only
 * what she never saw (she may still delete it). The node's clock is the test's, stepped past the hold.
 */
class LeftoverSecretIT {
    private static final SettableClock clock = new SettableClock(Instant.now());

    private static final HelplineConfig CONFIG = ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("leftover.amina", 8))).build(); // room for every test's chat left open

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, CONFIG, clock);

    @Test
    void aQuickExitRetiresTheSecretAndTheCodeStillBringsHerBack() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        visitor.says("v-1", "he is at work until six");
        visitor.socket().send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        assertEquals(1000, visitor.socket().awaitClose());

        TestSocket back = assertSecretRetiredAndCodeBringsHerBack(visitor);
        assertEquals("he is at work until six", back.next("message").getString("text"));
    }

    @Test
    void aChatSheSawEndIsResumedWithoutItsMessagesOnceTheHoldIsOver() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        visitor.says("v-1", "the car is a grey van");
        visitor.socket().send(new JsonObject().put("type", "end"));
        visitor.socket().next("ended");

        TestSocket soon = helpline.socket(0, "/ws/visitor");
        soon.send(resumeWithSecret(visitor));
        assertEquals("ended", soon.next("resumed").getString("status"));
        assertEquals("the car is a grey van", soon.next("message").getString("text"), "within the hold, as it was");

        clock.set(clock.instant().plus(CONFIG.visitor().holdAfterExit()).plusSeconds(1));
        TestSocket late = helpline.socket(0, "/ws/visitor");
        late.send(resumeWithSecret(visitor));
        JsonObject resumed = late.next("resumed");
        assertEquals("ended", resumed.getString("status"));
        assertTrue(resumed.getLong("lastSeq") >= 1, "told how far it went");
        assertNull(resumed.getValue("counsellor"), "nor who answered");
        assertEquals(List.of(), late.all("message", TestSocket.QUIET), "no message once the hold is over");
        late.send(new JsonObject().put("type", "forget"));
        assertEquals(true, late.next("ended").getBoolean("erased"), "she may still delete it");
    }

    /** Her tab was closed by the phone while the counsellor wrote her last words and ended: those she still gets. */
    @Test
    void aChatThatEndedWhileSheWasAwayGivesWhatSheNeverSawOnceTheHoldIsOver() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        String conversation = visitor.conversation();
        visitor.says("v-1", "I have to go");
        visitor.socket().abort();
        Waits.until(() -> helpline.inRedis(redis -> redis.hget(Keys.conversation(conversation), "visitorAway"))
                != null, 10, "she is away");
        console.send(new JsonObject().put("type", "send").put("conversation", conversation).put("clientId", "c-1")
                .put("text", "The shelter's number is 03 20 00 00 00"));
        console.next("ack");
        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        console.next("ended");

        clock.set(clock.instant().plus(CONFIG.visitor().holdAfterExit()).plusSeconds(1));
        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(resumeWithSecret(visitor));
        assertEquals("ended", back.next("resumed").getString("status"));
        assertEquals("The shelter's number is 03 20 00 00 00", back.next("message").getString("text"),
                "the first message given is the one she never saw, not her own before it");
    }

    /**
     * Her page was reconnecting when she left: the quick exit comes as a beacon over HTTP, not as a frame, sent as
     * Firefox sends it from a page served with {@code Referrer-Policy: no-referrer} ({@code Origin: null},
     * {@code text/plain}); the connection is closed after the answer.
     */
    @Test
    void aQuickExitToldOverHttpWhileSheIsAwayRetiresTheSecretAndTellsTheCounsellor() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        visitor.socket().abort();
        assertEquals("connection_lost", presence(console, visitor).getString("reason"));

        String beacon = new JsonObject().put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()).encode();
        try (RawHttp firefox = RawHttp.connect(helpline.port(0))) {
            firefox.write("POST /api/visitor/quick-exit HTTP/1.1\r\nHost: localhost:" + helpline.port(0)
                    + "\r\nOrigin: null\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: "
                    + beacon.length() + "\r\n\r\n" + beacon);
            String head = firefox.readHead();
            assertTrue(head.startsWith("HTTP/1.1 204"), head);
            firefox.readUntilClosed(Duration.ofSeconds(5));
        }
        JsonObject told = presence(console, visitor);
        assertEquals("quick_exit", told.getString("reason"));
        assertEquals(false, told.getBoolean("present"));
        assertSecretRetiredAndCodeBringsHerBack(visitor);
    }

    /**
     * Her socket dropped without the server knowing yet: it still holds her presence when the beacon comes. It does
     * not take the presence back (as after a node's lapsed lease): the server closes it, and she stays away.
     */
    @Test
    void aQuickExitToldOverHttpMakesHerAwayWhileHerDroppedSocketStillHoldsThePresence() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());

        assertEquals(204, quickExitOverHttp(visitor.conversation(), visitor.secret()).statusCode());
        assertEquals("quick_exit", presence(console, visitor).getString("reason"));
        assertEquals(1000, visitor.socket().awaitClose());
        assertEquals(List.of(), presences(console, visitor), "the old socket's close changes nothing");
        assertEquals("quick_exit", helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()),
                "visitorAway")));
        Waits.until(() -> helpline.inRedis(redis -> redis.zcard(Keys.visitorSockets(visitor.conversation()))) == 0,
                10, "the socket taken off her sockets");
        assertSecretRetiredAndCodeBringsHerBack(visitor);
    }

    @Test
    void aQuickExitOverHttpWithoutTheSecretChangesNothingAndMalformedOnesAreRefused() {
        TestSocket console = helpline.availableConsole(0, "leftover.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());

        assertEquals(204, quickExitOverHttp(visitor.conversation(), "not-her-secret").statusCode(),
                "answered as any other: nothing is told of a chat");
        assertEquals(204, quickExitOverHttp("no-such-chat", visitor.secret()).statusCode());
        for (String body : List.of("", "not json", "[]", "{\"conversation\": 7, \"resumeSecret\": \"x\"}",
                "{\"conversation\": \"a b\", \"resumeSecret\": \"x\"}",
                new JsonObject().put("conversation", visitor.conversation()).encode(),
                new JsonObject().put("conversation", visitor.conversation()).put("resumeSecret", "s".repeat(129))
                        .encode())) {
            HttpResponse<String> refused = helpline.post(0, "/api/visitor/quick-exit", body);
            assertEquals(400, refused.statusCode(), body);
            assertEquals("invalid", new JsonObject(refused.body()).getString("error"));
        }
        assertEquals(413, helpline.post(0, "/api/visitor/quick-exit", "{\"conversation\": \""
                + "a".repeat(2000) + "\"}").statusCode());
        assertEquals(List.of(), presences(console, visitor), "she is still there");
        visitor.socket().abort();
        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(resumeWithSecret(visitor));
        assertEquals("active", back.next("resumed").getString("status"), "her secret still works");
    }

    /** The next {@code visitor_presence} of her chat (the console's earlier chats, of other tests, go on too). */
    private static JsonObject presence(TestSocket console, Helpline.Visitor visitor) {
        return console.take(frame -> "visitor_presence".equals(frame.getString("type"))
                && visitor.conversation().equals(frame.getString("conversation")), "her presence");
    }

    private static List<JsonObject> presences(TestSocket console, Helpline.Visitor visitor) {
        return console.all("visitor_presence", TestSocket.QUIET).stream()
                .filter(frame -> visitor.conversation().equals(frame.getString("conversation"))).toList();
    }

    private static HttpResponse<String> quickExitOverHttp(String conversation, String secret) {
        return helpline.post(0, "/api/visitor/quick-exit", new JsonObject().put("conversation", conversation)
                .put("resumeSecret", secret).encode());
    }

    /** The secret (as read from the browser's disk) opens nothing; the code brings her back: her socket, resumed. */
    private static TestSocket assertSecretRetiredAndCodeBringsHerBack(Helpline.Visitor visitor) {
        TestSocket fromDisk = helpline.socket(0, "/ws/visitor");
        fromDisk.send(resumeWithSecret(visitor));
        fromDisk.error("not_found");
        TestSocket back = helpline.socket(0, "/ws/visitor");
        back.send(new JsonObject().put("type", "resume").put("code", visitor.started().getString("resumeCode")));
        assertEquals("active", back.next("resumed").getString("status"));
        return back;
    }

    private static JsonObject resumeWithSecret(Helpline.Visitor visitor) {
        return new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret());
    }
}
