package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A waiting visitor told why nobody answers yet is told too when that no longer holds (reason {@code waiting}), so
 * that her page does not go on saying nobody is free, or closed, while a counsellor who could take her is online.
 */
class OverflowEndsIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("overflow.offer", 1, TestConfig.OFFER))).wrapUp(Duration.ofSeconds(30)).build());

    @Test
    void aReasonThatNoLongerHoldsIsToldAsWaiting() {
        TestSocket console = helpline.availableConsole(0, "overflow.offer", TestConfig.PASSWORD);
        Helpline.Visitor first = helpline.visitor(0, new JsonObject());
        String offered = console.next("offer").getString("conversation");
        assertEquals(first.conversation(), offered);
        console.send(RoutingIT.frame("accept", offered));
        console.next("assigned");

        // her only place is taken: the next visitor is told nobody is free (after the lines her start showed her)
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        assertEquals("waiting", visitor.socket().next("alternatives").getString("reason"), "with her start");
        visitor.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "no_counsellor".equals(f.getString("reason")), "nobody free yet");

        // the first chat ends: she has a free place, and holds the next chat only for her wrap-up (no offer meanwhile),
        // so the visitor waits on while someone who could take her is online
        console.send(RoutingIT.frame("end", offered));
        first.socket().next("ended");
        JsonObject told = visitor.socket().take(f -> "alternatives".equals(f.getString("type"))
                && !"no_counsellor".equals(f.getString("reason")), "the reason's end");
        assertEquals("waiting", told.getString("reason"));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        visitor.end();
    }
}
