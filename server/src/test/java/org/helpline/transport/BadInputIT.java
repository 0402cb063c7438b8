package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.helpline.auth.Digests;
import org.helpline.config.Limits;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets the documented error; the socket and everyone else keep being served. */
class BadInputIT {
    /** Counsellor sessions end after a second without activity here, so that the test sees one expire. */
    private static final Duration SESSION_IDLE = Duration.ofSeconds(1);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(
                    TestConfig.withCounsellors(TestConfig.counsellor("bad.amina", 2)))
            .sessionIdle(SESSION_IDLE).limits(new Limits(2048, 8192, 100, 5, 20, 50, 60, 3000, 1_000_000, 4,
                    10_000)).build());

    @Test
    void malformedUnknownAndInvalidFramesGetErrorsAndTheSocketKeepsWorking() {
        Helpline.Visitor bystander = helpline.visitor(0, new JsonObject());
        TestSocket socket = helpline.socket(0, "/ws/visitor");
        socket.sendText("{not json");
        socket.error("bad_json");
        socket.sendText("[1,2,3]");
        socket.error("bad_json");
        String ping = "{\"type\":\"ping\",\"deep\":";
        socket.sendText(ping + "[".repeat(1001) + "]".repeat(1001) + "}"); // nested deeper than 1,000 levels
        socket.error("bad_json");
        socket.sendText(ping + "[".repeat(990) + "]".repeat(990) + "}");
        socket.next("pong");
        socket.send(new JsonObject().put("type", "launch-missiles"));
        assertEquals("launch-missiles", socket.error("unknown_type").getString("ref"));
        socket.send(new JsonObject().put("text", "no type"));
        assertFalse(socket.error("unknown_type").containsKey("ref"), "no type, no ref: left out, not null");
        // a mistyped send is answered like any other frame: ref its clientId, its conversation named (protocol.md)
        socket.send(new JsonObject().put("type", "sned").put("clientId", "v-0").put("conversation", "c-mistyped"));
        JsonObject mistyped = socket.error("unknown_type");
        assertEquals("v-0", mistyped.getString("ref"));
        assertEquals("c-mistyped", mistyped.getString("conversation"));
        socket.send(new JsonObject().put("type", 17).put("clientId", 4));
        assertFalse(socket.error("unknown_type").containsKey("ref"), "neither a string clientId nor a string type");
        socket.raw().writeBinaryMessage(Buffer.buffer(new byte[]{1, 2, 3}));
        socket.error("binary_not_supported");
        socket.send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "too early"));
        socket.error("not_started");
        socket.send(new JsonObject().put("type", "start").put("triage", new JsonObject().put("role", "boss")));
        assertEquals("triage.role", socket.error("invalid").getString("field"));
        socket.send(new JsonObject().put("type", "start").put("triage",
                new JsonObject().put("region", "12 rue des Lilas, Lille")));
        JsonObject region = socket.error("invalid");
        assertEquals("triage.region", region.getString("field"));
        assertTrue(region.getString("message").startsWith("triage.region must be"), region.encode());

        socket.send(new JsonObject().put("type", "start"));
        socket.next("started");
        socket.send(new JsonObject().put("type", "start"));
        socket.error("already_started");
        socket.send(new JsonObject().put("type", "send").put("clientId", "has spaces").put("text", "x"));
        assertEquals("clientId", socket.error("invalid").getString("field"));
        socket.send(new JsonObject().put("type", "send").put("clientId", "v-2").put("text", "x".repeat(101)));
        assertEquals("v-2", socket.error("text_too_long").getString("ref"));
        socket.send(new JsonObject().put("type", "send").put("clientId", "v-3").put("text", "x".repeat(3000)));
        socket.error("too_large");
        socket.send(new JsonObject().put("type", "send").put("clientId", "v-4").put("text", "fine"));
        assertEquals(1, socket.next("ack").getLong("seq"));
        bystander.socket().assertServed();
    }

    @Test
    void aMessageOverTheHardLimitClosesOnlyThatSocket() {
        Helpline.Visitor bystander = helpline.visitor(0, new JsonObject());
        TestSocket socket = helpline.socket(0, "/ws/visitor");
        socket.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
        assertEquals(1009, socket.awaitClose());
        bystander.socket().assertServed();
    }

    @Test
    void aFloodIsRateLimitedWithoutLosingAcceptedMessages() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        for (int i = 0; i < 40; i++) {
            visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "f-" + i)
                    .put("text", "message " + i));
        }
        Waits.until(() -> visitor.socket().count("ack") + rateLimited(visitor.socket()) >= 40, 10,
                "an ack or a rate_limited error for each of the 40 frames");
        int acked = visitor.socket().all("ack", TestSocket.QUIET).size(); // listens for an answer too many
        int limited = rateLimited(visitor.socket());
        assertTrue(acked >= 19 && acked < 40, "acked " + acked);
        assertEquals(40, acked + limited);
        TestSocket resumed = helpline.socket(0, "/ws/visitor");
        resumed.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()));
        assertEquals(acked, resumed.next("resumed").getLong("lastSeq").intValue());
        assertEquals(acked, resumed.exactly("message", acked).size());
    }

    private static int rateLimited(TestSocket socket) {
        return (int) socket.all("error", Duration.ZERO).stream()
                .filter(e -> "rate_limited".equals(e.getString("code"))).count();
    }

    @Test
    void aWrongOriginIsRefusedAtTheHandshakeAndTheOwnOriginIsAccepted() {
        assertThrows(RuntimeException.class,
                () -> helpline.socket(0, "/ws/visitor", "https://evil.example"));
        TestSocket own = helpline.socket(0, "/ws/visitor", "http://localhost:" + helpline.port(0));
        own.assertServed();
    }

    @Test
    void aStaffSocketThatNeverAuthenticatesIsClosedAfterFifteenSeconds() {
        TestSocket console = helpline.socket(0, "/ws/console");
        TestSocket supervisor = helpline.socket(0, "/ws/supervisor");
        TestSocket.sleep(StaffSession.AUTH_DEADLINE.minusSeconds(2));
        for (TestSocket silent : List.of(console, supervisor)) {
            assertFalse(silent.isClosed(), "open until the deadline");
        }
        for (TestSocket silent : List.of(console, supervisor)) {
            silent.error("unauthenticated");
            assertEquals(FrameChannel.POLICY_VIOLATION, silent.awaitClose());
        }
    }

    @Test
    void anExpiredOrUnknownSessionIsRefusedAndClosed() {
        TestSocket unknown = helpline.socket(0, "/ws/console");
        unknown.send(new JsonObject().put("type", "status").put("status", "available"));
        unknown.error("unauthenticated");
        // a chat frame before auth is refused for that reason too, whatever it names (docs/protocol.md)
        unknown.send(new JsonObject().put("type", "send").put("conversation", "anything").put("clientId", "c1")
                .put("text", "hello"));
        unknown.error("unauthenticated");
        unknown.send(new JsonObject().put("type", "typing").put("conversation", "anything"));
        unknown.error("unauthenticated");
        unknown.send(new JsonObject().put("type", "auth").put("token", "made-up"));
        unknown.error("session_expired");
        assertEquals(4001, unknown.awaitClose());

        String token = helpline.login(0, "bad.amina", TestConfig.PASSWORD);
        String session = Keys.session(Digests.sha256(token));
        Waits.until(() -> helpline.<Long>inRedis(redis -> redis.exists(session)) == 0, 5,
                "the idle session expired in Redis");
        TestSocket late = helpline.socket(0, "/ws/console");
        late.send(new JsonObject().put("type", "auth").put("token", token));
        late.error("session_expired");
        assertEquals(4001, late.awaitClose());

        TestSocket live = helpline.socket(0, "/ws/console");
        live.send(new JsonObject().put("type", "auth").put("token", helpline.login(0, "bad.amina",
                TestConfig.PASSWORD)));
        assertEquals("bad.amina", live.next("welcome").getJsonObject("counsellor").getString("id"));
        live.send(new JsonObject().put("type", "send").put("conversation", "notMine").put("clientId", "c-1")
                .put("text", "hello"));
        live.error("not_assigned");
        live.send(new JsonObject().put("type", "status").put("status", "sleeping"));
        assertEquals("status", live.error("invalid").getString("field"));
        live.assertServed();
        assertFalse(live.isClosed());
    }

    @Test
    void badLoginRequestsGetClearHttpErrors() {
        assertEquals(400, helpline.post(0, "/api/counsellor/login", "not json").statusCode());
        assertEquals(400, helpline.post(0, "/api/counsellor/login", "{\"id\":1}").statusCode());
        var wrong = helpline.post(0, "/api/counsellor/login", "{\"id\":\"bad.amina\",\"password\":\"nope\"}");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_credentials", new JsonObject(wrong.body()).getString("error"));
        assertEquals(401, helpline.post(0, "/api/counsellor/logout", "").statusCode());
    }
}
