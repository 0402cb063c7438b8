package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.json.JsonObject;
import org.helpline.store.Deadline;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console still open whose lease lapsed (its node could not renew it for a whole lease: Redis unreachable from that
 * node) is told that its chats went back to the queue and that its counsellor is now away, and gets chats again once
 * she sets herself available. The lapse is made in Redis right after a renewal (the default 30 s lease is renewed
 * every 10 s), so that no renewal comes between it and the presence deadline's firing.
 */
class LapsedLeaseIT {
    private static final String COUNSELLOR = "lapse.amina";
    /** The lease's renewals failed for a whole lease: no live console, and the presence deadline due now. */
    private static final String LAPSE = "redis.call('DEL', KEYS[1]) redis.call('ZADD', KEYS[2], 0, ARGV[1]) return 1";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 2)));

    @Test
    void aConsoleWhoseLeaseLapsedIsToldItIsAwayAndItsChatsRequeued() {
        TestSocket console = helpline.availableConsole(0, COUNSELLOR, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("assigned").getString("conversation");
        visitor.socket().next("assigned");

        Double leaseEnd = leaseEnd();
        Waits.until(LapsedLeaseIT::leaseEnd, end -> end != null && !end.equals(leaseEnd), 15, "a renewal");
        helpline.inRedis(redis -> redis.eval(LAPSE, ScriptOutputType.INTEGER,
                new String[]{Keys.consoles(COUNSELLOR), Keys.DEADLINES}, Deadline.presence(COUNSELLOR).member()));

        JsonObject released = console.next("released");
        assertEquals(conversation, released.getString("conversation"));
        assertEquals("offline", released.getString("reason"));
        JsonObject status = console.next("status");
        assertEquals("away", status.getString("status"));
        assertEquals("connection_lost", status.getString("reason"));
        assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));

        console.send(new JsonObject().put("type", "status").put("status", "available"));
        assertEquals("available", console.next("status").getString("status"));
        assertEquals(conversation, console.next("assigned").getString("conversation"), "the chat comes back");
        visitor.socket().next("assigned");
        RoutingIT.away(console);
        visitor.end();
    }

    /** When the console's lease ends (Redis time, ms), as its node last renewed it; null when there is none. */
    private static Double leaseEnd() {
        String consoles = Keys.consoles(COUNSELLOR);
        return helpline.inRedis(redis -> redis.zrange(consoles, 0, 0).stream().findFirst()
                .map(socket -> redis.zscore(consoles, socket)).orElse(null));
    }
}
