package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.helpline.config.AddressRange;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HttpSettings;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.RawHttp;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One machine opening connections until the process has no file left to open (an abuser, a hoax flood): each client
 * holds at most {@code http.connectionsPerClient} open connections on a node; the next is answered 503 with the
 * emergency numbers and closed, every other client is served, and a closed connection gives its place back.
 * Clients are addresses of 127.0.0.0/8 (the Linux loopback answers on all of them).
 */
class ConnectionsPerClientIT {
    private static final int SHARE = 4;
    private static final String NEIGHBOUR = "127.0.0.2";
    private static final String PROXY = "127.0.0.3";
    /**
     * A request the share limits (the load balancer's checks are answered whatever the share), without a body to send:
     * a connection the test leaves does not cut a page's body short.
     */
    private static final String PROBE = "/";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private final List<RawHttp> open = new ArrayList<>();

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        HttpSettings http = base.http();
        return ConfigBuilder.from(base).http(new HttpSettings(http.port(), http.publicOrigins(), http.allowedOrigins(),
                http.frameAncestors(), List.of(AddressRange.parse(PROXY).orElseThrow()), http.requestHeaderTimeout(),
                http.idleTimeout(), http.eventLoops(), SHARE)).build();
    }

    @AfterEach
    void closeConnections() {
        open.forEach(RawHttp::close);
        open.clear();
    }

    /** Each test's attacker is an address of its own, so that no test waits for another's connections to close. */
    @Test
    void aClientBeyondItsShareIsTurnedAwayWithTheNumbersAndOthersAreServed() {
        String attacker = "127.0.0.10";
        fillTheShare(attacker);

        RawHttp refused = connect(attacker);
        refused.write(get("/"));
        assertTrue(refused.readHead().startsWith("HTTP/1.1 503"));
        String page = new String(refused.readUntilClosed(Duration.ofSeconds(5)), StandardCharsets.UTF_8);
        for (String number : List.of("tel:17", "tel:112", "sms:114", "tel:3919", "tel:999", "tel:08082000247")) {
            assertTrue(page.contains(number), number + " on the busy page");
        }
        assertTrue(page.contains("href=\"/exit\""), "quick exit on the busy page");
        RawHttp looks = connect(attacker); // and its stylesheet
        looks.write(get("/style.css"));
        assertTrue(looks.readHead().startsWith("HTTP/1.1 200"));

        RawHttp leaving = connect(attacker); // the busy page's Quick exit still leaves
        leaving.write(get("/exit"));
        String exit = leaving.readHead();
        assertTrue(exit.startsWith("HTTP/1.1 303"), exit);
        assertTrue(exit.toLowerCase(Locale.ROOT).contains("location: " + helpline.config().visitor().quickExitUrl()),
                exit);
        leaving.readUntilClosed(Duration.ofSeconds(5));
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject()); // a chat's page on that crowded address
        String told = new JsonObject().put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()).encode();
        RawHttp quickExit = connect(attacker); // tells its quick exit over HTTP: heard all the same
        quickExit.write("POST /api/visitor/quick-exit HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + told.length() + "\r\n\r\n" + told);
        String heard = quickExit.readHead();
        assertTrue(heard.startsWith("HTTP/1.1 204"), heard);
        assertEquals("quick_exit", helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()),
                "visitorAway")));

        RawHttp socket = connect(attacker);
        String handshake = socket.webSocketHandshake("/ws/visitor", host(), "http://" + host());
        assertTrue(handshake.startsWith("HTTP/1.1 503"), handshake);
        for (String check : List.of("/health", "/ready")) { // a load balancer's checks, whatever its share
            RawHttp checked = connect(attacker);
            checked.write(get(check));
            String answer = checked.readHead();
            assertTrue(answer.startsWith("HTTP/1.1 200"), check + ": " + answer);
        }

        assertServed(NEIGHBOUR); // a visitor on another network is served meanwhile
        for (int i = 0; i <= SHARE; i++) {
            assertServed(PROXY); // a trusted proxy's connections are its clients': not counted
        }
        String refusals = helpline.get(0, "/metrics").body().lines()
                .filter(line -> line.startsWith("helpline_connections_refused_total ")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(refusals.split(" ")[1]) >= 3, refusals);
    }

    @Test
    void aClosedConnectionGivesItsPlaceBackWebSocketsIncluded() {
        String attacker = "127.0.0.11";
        List<RawHttp> sockets = new ArrayList<>();
        for (int i = 0; i < SHARE; i++) {
            RawHttp socket = connect(attacker);
            String handshake = socket.webSocketHandshake("/ws/visitor", host(), "http://" + host());
            assertTrue(handshake.startsWith("HTTP/1.1 101"), handshake);
            sockets.add(socket);
        }
        RawHttp refused = connect(attacker);
        refused.write(probe());
        assertTrue(refused.readHead().startsWith("HTTP/1.1 503"));

        sockets.forEach(RawHttp::close);
        refused.close();
        Waits.until(() -> servedWhole(attacker), 10, "the closed sockets' places given back");
    }

    /** A socket holding a chat leaves its network's count: nobody holding the other places can see it. */
    @Test
    void aSocketThatStartedAChatIsNotCounted() {
        String visitor = "127.0.0.14";
        RawHttp chat = connect(visitor);
        assertTrue(chat.webSocketHandshake("/ws/visitor", host(), "http://" + host()).startsWith("HTTP/1.1 101"));
        chat.write(RawHttp.maskedFrame(0x81, new JsonObject().put("type", "start").put("triage", new JsonObject())
                .encode().getBytes(StandardCharsets.UTF_8)));
        Waits.until(() -> servedWhole(visitor), 10, "the whole share served beside the chat's socket");
    }

    @Test
    void aSilentConnectionBeyondTheShareIsClosedWithinASecondOrTwo() {
        String attacker = "127.0.0.12";
        List<RawHttp> within = new ArrayList<>();
        for (int i = 0; i < SHARE; i++) {
            within.add(connect(attacker)); // silent, within the share: they have the header timeout (10 s)
        }
        RawHttp silent = connect(attacker);
        long start = System.nanoTime();
        silent.readUntilClosed(Duration.ofSeconds(5));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("a silent connection beyond its share closed after %d ms%n", millis);
        for (RawHttp connection : within) {
            connection.write(probe());
            assertTrue(connection.readHead().startsWith("HTTP/1.1 200"), "a connection within the share stays");
        }
    }

    @Test
    void beyondTwiceTheShareAConnectionIsClosedUnanswered() {
        String attacker = "127.0.0.13";
        fillTheShare(attacker);
        for (int i = 0; i < SHARE; i++) {
            connect(attacker); // turned away, silent: each has a second before it is closed
        }
        RawHttp shut = connect(attacker);
        shut.write(probe());
        assertEquals(0, shut.readUntilClosed(Duration.ofSeconds(5)).length, "closed without an answer");
    }

    /** SHARE connections of this client, each served (kept alive: they stay open). */
    private void fillTheShare(String client) {
        for (int i = 0; i < SHARE; i++) {
            assertServed(client);
        }
    }

    /** Whether SHARE new connections of this client are all served now; if not, they are closed. */
    private boolean servedWhole(String client) {
        List<RawHttp> connections = new ArrayList<>();
        boolean all = true;
        for (int i = 0; i < SHARE; i++) {
            RawHttp connection = connect(client);
            connections.add(connection);
            connection.write(probe());
            all &= connection.readHead().startsWith("HTTP/1.1 200");
        }
        if (!all) {
            connections.forEach(RawHttp::close);
        }
        return all;
    }

    private void assertServed(String client) {
        RawHttp connection = connect(client);
        connection.write(probe());
        String head = connection.readHead();
        assertTrue(head.startsWith("HTTP/1.1 200"), client + ": " + head);
    }

    private RawHttp connect(String client) {
        RawHttp connection = RawHttp.connectFrom(client, helpline.port(0));
        open.add(connection);
        return connection;
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n";
    }

    /** The probe, as a load balancer's HEAD: its answer has no body. */
    private static String probe() {
        return "HEAD " + PROBE + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n";
    }

    private static String host() {
        return "127.0.0.1:" + helpline.port(0);
    }
}
