package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.Limits;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.RawHttp;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket limits that hold whatever the client sends (docs/security.md): compression is refused, so a deflate bomb
 * is never inflated; oversize messages close with 1009; {@code rate_limited} is not a violation; a rebinding page's
 * Origin is refused; a refused supervisor auth closes the socket.
 */
class WebSocketLimitsIT {
    private static final int HARD = 8192;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(
                    TestConfig.withCounsellors(TestConfig.counsellor("limits.amina", 2)))
            .limits(new Limits(2048, HARD, 100, 5, 20, 5, 60, 3000, 1_000_000, 4, 10_000)).build());

    @Test
    void aDeflateBombIsNeverInflatedAndClosesItsSocket() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        byte[] bomb = RawHttp.deflateBomb(64 << 20);
        assertTrue(bomb.length < 128 * 1024, "the bomb is small on the wire: " + bomb.length);
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try (RawHttp raw = RawHttp.connect(helpline.port(0))) {
                String head = raw.webSocketHandshake("/ws/visitor", "localhost", null);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertFalse(head.toLowerCase().contains("sec-websocket-extensions"), "compression refused: " + head);
                raw.write(bomb);
                codes.add(RawHttp.closeCode(raw.readUntilClosed(Duration.ofSeconds(5))));
            }
        }
        System.gc();
        long grown = memory.getHeapMemoryUsage().getUsed() - before;
        System.out.printf("deflate bombs: close codes %s, heap grew %d KB%n", codes, grown / 1024);
        assertTrue(codes.stream().allMatch(code -> code == 1002), "closed as a protocol error: " + codes);
        assertTrue(grown < 32L << 20, "memory stayed bounded, grew " + grown);
        helpline.visitor(0, new JsonObject()).socket().assertServed();
    }

    @Test
    void anOversizeMessageClosesWith1009WholeOrInFragments() {
        TestSocket whole = helpline.socket(0, "/ws/visitor");
        whole.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(HARD) + "\"}");
        assertEquals(1009, whole.awaitClose());

        try (RawHttp raw = RawHttp.connect(helpline.port(0))) {
            assertTrue(raw.webSocketHandshake("/ws/visitor", "localhost", null).startsWith("HTTP/1.1 101"));
            byte[] part = "x".repeat(HARD / 2).getBytes();
            raw.write(RawHttp.maskedFrame(0x01, part)); // text, not final
            raw.write(RawHttp.maskedFrame(0x00, part)); // continuation, not final
            raw.write(RawHttp.maskedFrame(0x00, part)); // over the hard limit in total
            assertEquals(1009, RawHttp.closeCode(raw.readUntilClosed(Duration.ofSeconds(5))));
        }
    }

    @Test
    void rateLimitedAnswersDoNotCloseTheSocket() {
        TestSocket socket = helpline.socket(0, "/ws/visitor");
        for (int i = 0; i < 40; i++) {
            socket.send(new JsonObject().put("type", "ping"));
        }
        socket.take("error", 10); // far more than maxViolations (5) rate_limited answers
        TestSocket.sleep(Duration.ofSeconds(1)); // the allowance refills
        socket.drain("pong");
        socket.assertServed();
        assertFalse(socket.isClosed());
    }

    /** A script that does not wait as told: 200 frames refused for the rate in a row close its socket. */
    @Test
    void aFloodOverTheRateClosesTheSocket() {
        TestSocket socket = helpline.socket(0, "/ws/visitor");
        String ping = new JsonObject().put("type", "ping").encode();
        for (int i = 0; i < 400; i++) {
            socket.raw().writeTextMessage(ping); // not awaited: the socket closes on the way
        }
        assertEquals(1008, socket.awaitClose());
    }

    /**
     * WebSocket pings are answered by Vert.x before the node sees them: a script that floods them and reads nothing
     * is closed as a flood, not sent pongs until the node's memory is full.
     */
    @Test
    void aFloodOfControlPingsClosesTheSocket() {
        try (RawHttp raw = RawHttp.connect(helpline.port(0))) {
            assertTrue(raw.webSocketHandshake("/ws/visitor", "localhost", null).startsWith("HTTP/1.1 101"));
            byte[] ping = RawHttp.maskedFrame(0x89, "x".repeat(125).getBytes());
            for (int i = 0; i < 400; i++) {
                raw.write(ping);
            }
            assertEquals(1008, RawHttp.closeCode(raw.readUntilClosed(Duration.ofSeconds(10))));
        }
        helpline.visitor(0, new JsonObject()).socket().assertServed();
    }

    @Test
    void aRebindingOriginIsRefusedEvenWhenItMatchesTheHost() {
        String rebound = "evil.example:" + helpline.port(0);
        try (RawHttp raw = RawHttp.connect(helpline.port(0))) {
            String head = raw.webSocketHandshake("/ws/visitor", rebound, "http://" + rebound);
            assertTrue(head.startsWith("HTTP/1.1 403"), head);
        }
        try (RawHttp raw = RawHttp.connect(helpline.port(0))) {
            String own = "localhost:" + helpline.port(0);
            assertTrue(raw.webSocketHandshake("/ws/visitor", own, "http://" + own).startsWith("HTTP/1.1 101"));
        }
    }

    @Test
    void aRefusedSupervisorAuthClosesTheSocket() {
        TestSocket socket = helpline.socket(0, "/ws/supervisor");
        socket.send(new JsonObject().put("type", "auth").put("token",
                helpline.login(0, "limits.amina", TestConfig.PASSWORD)));
        socket.error("not_supervisor");
        assertEquals(4001, socket.awaitClose());
    }
}
