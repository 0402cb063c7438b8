package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.KillArgs;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.helpline.auth.Digests;
import org.helpline.config.HelplineConfig;
import org.helpline.config.SessionSettings;
import org.helpline.node.HelplineNode;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Revocation is immediate (docs/security.md): a logout, a supervisor's revocation and a session's end close that
 * session's sockets on every node within 2 s.
 */
class RevocationIT {
    private static final long WITHIN_MILLIS = 2000;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(
            TestConfig.counsellor("revoke.amina", 2), TestConfig.supervisor("revoke.sup")));

    @Test
    void aLogoutOnOneNodeClosesTheConsoleAndTheSupervisorPageOnTheOther() throws Exception {
        String token = helpline.login(0, "revoke.amina", TestConfig.PASSWORD);
        TestSocket console = authenticated(1, "/ws/console", token);
        String supervisorToken = helpline.login(0, "revoke.sup", TestConfig.PASSWORD);
        TestSocket supervisor = authenticated(1, "/ws/supervisor", supervisorToken);

        assertClosedWithin(console, () -> assertEquals(204, post(0, "/api/counsellor/logout", token)));
        assertClosedWithin(supervisor, () -> assertEquals(204, post(0, "/api/counsellor/logout",
                supervisorToken)));
    }

    /** A revocation told while the node's pub/sub connection was down: the session is looked at once it is back. */
    @Test
    void aSessionEndedWhileThePubSubWasDownClosesItsSocketsWhenItIsBack() {
        String token = helpline.login(0, "revoke.amina", TestConfig.PASSWORD);
        TestSocket console = authenticated(1, "/ws/console", token);
        String supervisorToken = helpline.login(0, "revoke.sup", TestConfig.PASSWORD);
        TestSocket supervisor = authenticated(1, "/ws/supervisor", supervisorToken);
        helpline.inRedis(redis -> redis.del(Keys.session(Digests.sha256(token)),
                Keys.session(Digests.sha256(supervisorToken)))); // ended, and nobody told
        helpline.inRedis(redis -> redis.clientKill(KillArgs.Builder.typePubsub()));
        assertEquals(4001, console.awaitClose());
        assertEquals(4001, supervisor.awaitClose());
    }

    @Test
    void aSupervisorRevokesEveryConsoleOfACounsellorOnEveryNode() throws Exception {
        TestSocket first = authenticated(0, "/ws/console", helpline.login(0, "revoke.amina", TestConfig.PASSWORD));
        TestSocket second = authenticated(1, "/ws/console", helpline.login(1, "revoke.amina", TestConfig.PASSWORD));
        String counsellorToken = helpline.login(0, "revoke.amina", TestConfig.PASSWORD);
        assertEquals(403, post(0, "/api/supervisor/counsellors/revoke.amina/revoke", counsellorToken));
        String supervisor = helpline.login(0, "revoke.sup", TestConfig.PASSWORD);
        assertEquals(404, post(0, "/api/supervisor/counsellors/nobody/revoke", supervisor));

        assertClosedWithin(first, () -> assertEquals(200,
                post(0, "/api/supervisor/counsellors/revoke.amina/revoke", supervisor)));
        assertEquals(4001, second.awaitClose());
        TestSocket again = helpline.socket(1, "/ws/console");
        again.send(new JsonObject().put("type", "auth").put("token", counsellorToken));
        again.error("session_expired");
    }

    @Test
    void aConsoleClosesWhenItsSessionReachesItsEnd() {
        HelplineConfig base = helpline.config();
        HelplineConfig shortSessions = ConfigBuilder.from(base).sessions(new SessionSettings(
                base.sessions().idle(), Duration.ofSeconds(3), base.sessions().passwordIterations())).build();
        HelplineNode node = Waits.await(HelplineNode.start(shortSessions, helpline.redis().url()), 30);
        try {
            TestSocket console = TestSocket.open(node.vertx(), node.httpPort(), "/ws/console");
            HttpResponse<String> login = helpline.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + node.httpPort() + "/api/counsellor/login")).POST(HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("id", "revoke.amina").put("password", TestConfig.PASSWORD).encode()))
                    .build());
            long start = System.nanoTime();
            console.send(new JsonObject().put("type", "auth").put("token",
                    new JsonObject(login.body()).getString("token")));
            console.next("welcome");
            assertEquals(4001, console.awaitClose());
            long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(3, Math.round(seconds / 1000.0), "closed at the session's end, after " + seconds + " ms");
        } finally {
            Waits.await(node.close(), 30);
        }
    }

    private TestSocket authenticated(int node, String path, String token) {
        TestSocket socket = helpline.socket(node, path);
        socket.send(new JsonObject().put("type", "auth").put("token", token));
        socket.next("welcome");
        return socket;
    }

    private static void assertClosedWithin(TestSocket socket, Runnable action) {
        long start = System.nanoTime();
        action.run();
        assertEquals(4001, socket.awaitClose());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        socket.error("session_expired");
        System.out.printf("socket closed %d ms after the revocation%n", millis);
        assertEquals(true, millis < WITHIN_MILLIS, "closed after " + millis + " ms");
    }

    private int post(int node, String path, String token) {
        return helpline.send(HttpRequest.newBuilder(URI.create("http://localhost:" + helpline.port(node) + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode();
    }
}
