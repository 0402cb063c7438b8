package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
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
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("overflow.offer", 1, TestConfig.OFFER)));

    @Test
    void aReasonThatNoLongerHoldsIsToldAsWaiting() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        visitor.socket().take(f -> "alternatives".equals(f.getString("type"))
                && "no_counsellor".equals(f.getString("reason")), "nobody online yet");

        // online, offered her chat, declines it: she waits again, and someone who could take her is online
        TestSocket console = helpline.availableConsole(0, "overflow.offer", TestConfig.PASSWORD);
        String offered = console.next("offer").getString("conversation");
        assertEquals(visitor.conversation(), offered);
        console.send(new JsonObject().put("type", "decline").put("conversation", offered));
        JsonObject told = visitor.socket().take(f -> "alternatives".equals(f.getString("type"))
                && !"no_counsellor".equals(f.getString("reason")), "the reason's end");
        assertEquals("waiting", told.getString("reason"));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        visitor.end();
    }
}
