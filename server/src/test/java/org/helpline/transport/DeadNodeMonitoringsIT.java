package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that dies without closing its sockets leaves the monitorings of its supervisor sockets open: once its lease
 * runs out (3 s here), another node ends each as the socket's own end would have, so that no counsellor goes on
 * reading that a supervisor reads her chat when nobody does; one that the same page took on from another node since
 * goes on.
 */
class DeadNodeMonitoringsIT {
    private static final String SUPERVISOR = "deadmon.sam";
    /** How often the live sockets ping while the dead node's lease runs out (the heartbeat timeout is 10 s here). */
    private static final Duration PING_EVERY = Duration.ofSeconds(2);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("deadmon.amina", 1), TestConfig.counsellor("deadmon.louise", 1),
            TestConfig.supervisor(SUPERVISOR))).quickTimers().build());

    @Test
    void theMonitoringsOfANodeThatDiedEndUnlessTheirPageTookThemOnElsewhere() {
        TestSocket amina = helpline.availableConsole(0, "deadmon.amina", TestConfig.PASSWORD);
        String watched = helpline.assignedVisitor(amina, new JsonObject()).conversation();
        TestSocket louise = helpline.availableConsole(0, "deadmon.louise", TestConfig.PASSWORD);
        String carried = helpline.assignedVisitor(louise, new JsonObject()).conversation();
        TestSocket dying = helpline.supervisor(1, SUPERVISOR, TestConfig.PASSWORD);
        String monitoring = monitor(dying, watched);
        assertEquals(monitoring, entry(amina, "monitor").getString("monitoring"));
        String carriedMonitoring = monitor(dying, carried);
        entry(louise, "monitor");
        TestSocket carrying = helpline.supervisor(0, SUPERVISOR, TestConfig.PASSWORD);
        assertEquals(carriedMonitoring, monitor(carrying, carried), "the same page, reconnected to the other node");
        assertNotNull(field(watched, "monitoring:" + monitoring));

        helpline.halt(1);
        long[] pinged = {System.nanoTime() - PING_EVERY.toNanos()};
        Waits.until(() -> {
            if (System.nanoTime() - pinged[0] >= PING_EVERY.toNanos()) { // not at every poll: frames are rate-limited
                pinged[0] = System.nanoTime();
                List.of(amina, louise, carrying).forEach(TestSocket::assertServed); // heartbeats, as the lease runs out
            }
            return field(watched, "monitoring:" + monitoring) == null;
        }, 15, "the monitoring of the dead node's socket ended by the node still running");
        JsonObject end = entry(amina, "monitor_end");
        assertEquals(watched, end.getString("conversation"));
        assertEquals(monitoring, end.getString("monitoring"));
        assertEquals("Supervisor " + SUPERVISOR, end.getString("from"), "as the socket's own end would read");
        assertEquals("2", field(watched, "supervisionCount"), "the start and the end in the case record");

        List<String> kept = Waits.until(DeadNodeMonitoringsIT::monitoringsKept, members -> members.size() == 1, 10,
                "the dead node's monitorings read and forgotten");
        assertTrue(kept.get(0).startsWith(carried + "|" + carriedMonitoring + "|"),
                "the live node keeps the monitoring its socket took on: " + kept);
        assertNotNull(field(carried, "monitoring:" + carriedMonitoring), "taken on from the other node: not ended");
        assertEquals(List.of(), louise.all("supervision", TestSocket.QUIET), "her chat's monitoring goes on");
        assertEquals("1", field(carried, "supervisionCount"));
    }

    /** Monitors the chat from this supervisor socket, as one page; answers the monitoring's id. */
    private static String monitor(TestSocket supervisor, String conversation) {
        supervisor.send(new JsonObject().put("type", "monitor").put("conversation", conversation)
                .put("page", "page-1"));
        JsonObject opened = supervisor.take(f -> "monitoring".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the monitoring frame");
        return opened.getString("monitoring");
    }

    /** The next {@code supervision} frame of this kind on a console. */
    private static JsonObject entry(TestSocket console, String kind) {
        return console.take(f -> "supervision".equals(f.getString("type")) && kind.equals(f.getString("kind")),
                "a '" + kind + "' supervision frame");
    }

    /** Every monitoring the nodes keep, over all nodes. */
    private static List<String> monitoringsKept() {
        return helpline.inRedis(redis -> redis.keys(Keys.nodeMonitorings("*")).stream()
                .flatMap(key -> redis.smembers(key).stream()).toList());
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget(Keys.conversation(conversation), name));
    }
}
