package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.helpline.store.Deadline;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node cut off from Redis for a whole lease (3 s here) is taken for gone by another node, which ends the monitorings
 * of its supervisor sockets and tells their counsellors; but those sockets are still open. Once the node finds its
 * lease ran out, each one that monitors is told and closed, so that its page asks again: the supervisor no longer
 * reads a chat whose counsellor was told she does not, and asking again is recorded and told anew.
 */
class CutNodeMonitoringsIT {
    private static final String SUPERVISOR = "cutmon.sam";
    private static final Duration PING_EVERY = Duration.ofSeconds(2);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("cutmon.amina", 1), TestConfig.supervisor(SUPERVISOR))).quickTimers().build());

    @Test
    void aNodeWhoseLeaseRanOutClosesTheSupervisorSocketsThatMonitorSoThatTheirPagesAskAgain() {
        TestSocket amina = helpline.availableConsole(0, "cutmon.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(amina, new JsonObject());
        String watched = visitor.conversation();
        TestSocket cut = helpline.supervisor(1, SUPERVISOR, TestConfig.PASSWORD);
        String monitoring = monitor(cut, watched);
        entry(amina, "monitor");
        TestSocket idle = helpline.supervisor(1, SUPERVISOR, TestConfig.PASSWORD);
        String node = nodeHolding(watched + "|" + monitoring + "|");

        // what Redis holds after node 1 could not renew its lease for a whole lease: none, and its deadline due; node 1
        // runs on and its sockets stay open (its renewal may come first: then it is taken away again)
        long[] pinged = {System.nanoTime()};
        Waits.until(() -> {
            if (System.nanoTime() - pinged[0] >= PING_EVERY.toNanos()) { // not at every poll: frames are rate-limited
                pinged[0] = System.nanoTime();
                List.of(amina, idle).forEach(TestSocket::assertServed); // heartbeats (the timeout is 10 s here)
            }
            helpline.inRedis(redis -> {
                redis.del(Keys.nodeLease(node));
                return redis.zadd(Keys.DEADLINES, 0, Deadline.node(node).member());
            });
            return field(watched, "monitoring:" + monitoring) == null;
        }, 20, "the monitoring of node 1's socket ended");
        JsonObject end = entry(amina, "monitor_end");
        assertEquals(monitoring, end.getString("monitoring"), "the counsellor is told nobody reads her chat");

        cut.error("node_cut_off");
        assertEquals(LapsedLease.CLOSE_CODE, cut.awaitClose(), "reconnect");
        idle.assertServed(); // it monitors nothing: left open
        // node 1 holds its lease again, and its deadline is not due, before the page asks again (the loop above may
        // have taken the lease away once more just before it ended)
        Waits.until(() -> helpline.inRedis(redis -> {
            Double due = redis.zscore(Keys.DEADLINES, Deadline.node(node).member());
            return redis.exists(Keys.nodeLease(node)) == 1 && due != null && due > System.currentTimeMillis();
        }), 10, "node 1's lease renewed");

        TestSocket reconnected = helpline.supervisor(1, SUPERVISOR, TestConfig.PASSWORD);
        assertEquals(monitoring, monitor(reconnected, watched), "the same page asks again");
        assertEquals(monitoring, entry(amina, "monitor").getString("monitoring"), "told to the counsellor anew");
        assertNotNull(field(watched, "monitoring:" + monitoring));
        assertEquals("3", field(watched, "supervisionCount"), "the start, the end and the new start");
        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "là ?"));
        assertEquals("là ?", reconnected.next("message").getString("text"));
    }

    /** Monitors the chat from this supervisor socket, as one page; answers the monitoring's id. */
    private static String monitor(TestSocket supervisor, String conversation) {
        supervisor.send(new JsonObject().put("type", "monitor").put("conversation", conversation)
                .put("page", "page-1"));
        return supervisor.take(f -> "monitoring".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the monitoring frame").getString("monitoring");
    }

    /** The next {@code supervision} frame of this kind on a console. */
    private static JsonObject entry(TestSocket console, String kind) {
        return console.take(f -> "supervision".equals(f.getString("type")) && kind.equals(f.getString("kind")),
                "a '" + kind + "' supervision frame");
    }

    /** The id of the node whose supervisor sockets hold a monitoring kept under this prefix. */
    private static String nodeHolding(String memberPrefix) {
        String key = helpline.inRedis(redis -> redis.keys(Keys.nodeMonitorings("*")).stream()
                .filter(set -> redis.smembers(set).stream().anyMatch(member -> member.startsWith(memberPrefix)))
                .findFirst().orElseThrow());
        return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget(Keys.conversation(conversation), name));
    }
}
