package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node whose clock runs a minute ahead of Redis's does not cut the deadlines written in Redis time: an offer still
 * gives its counsellor the whole accept time, and a counsellor whose console reconnects within the grace keeps her
 * chat. Every node's deadline worker asks Redis which deadlines are due by Redis's clock (docs/operations.md); before,
 * it asked by its own, and this node expired the offer and requeued the chat at its next poll.
 */
class FastNodeClockIT {
    private static final String COUNSELLOR = "clock.amina";
    private static final Duration AHEAD = Duration.ofMinutes(1);
    /** Several polls of the deadline worker (four a second), far within the 20 s to accept and the 20 s of grace. */
    private static final Duration A_WHILE = Duration.ofMillis(1_500);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 2, TestConfig.OFFER)), Clock.offset(Clock.systemUTC(), AHEAD));

    @Test
    void deadlinesWrittenInRedisTimeFireByRedisTime() {
        TestSocket console = helpline.availableConsole(0, COUNSELLOR, TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("childrenInvolved", true));
        JsonObject offer = console.next("offer");
        TestSocket.sleep(A_WHILE);
        console.send(RoutingIT.frame("accept", visitor.conversation()));
        assertEquals(visitor.conversation(), console.next("assigned").getString("conversation"),
                "accepted " + A_WHILE.toMillis() + " ms into " + offer.getLong("acceptWithinSeconds") + " s");
        visitor.socket().next("assigned");

        console.close();
        TestSocket.sleep(A_WHILE);
        TestSocket again = helpline.console(0, COUNSELLOR, TestConfig.PASSWORD);
        assertEquals(visitor.conversation(), again.next("assigned").getString("conversation"),
                "back within the grace: the chat is still hers");
        assertEquals(0, visitor.socket().count("requeued"), "the visitor was never told she lost her counsellor");
        RoutingIT.away(again);
        visitor.end();
    }
}
