package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chat declined by every counsellor online who could take it is not offered to them again before their cool-down
 * ends ({@code declineCooldownSeconds}, 120 s here): meanwhile nobody answers her, and her page is told so, with the
 * lines open now ({@code no_counsellor}), rather than left saying she is simply waiting. She is never told that her
 * chat was offered, nor declined.
 */
class DeclinedWaitIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("declining.nadia", 1, TestConfig.OFFER),
            // configured, never online: the service is open for her need (not "closed"), only nobody online is free
            TestConfig.counsellor("declining.colleague", 1, TestConfig.OFFER)));

    @Test
    void whileEveryoneOnlineWhoCouldTakeHerHasDeclinedSheIsToldNobodyIsFree() {
        TestSocket console = helpline.availableConsole(0, "declining.nadia", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        assertEquals("waiting", visitor.socket().next("alternatives").getString("reason"), "with her start");
        String offered = console.next("offer").getString("conversation");
        assertEquals(visitor.conversation(), offered);
        console.send(RoutingIT.frame("decline", offered));
        assertEquals("declined", console.next("offer_withdrawn").getString("reason"));

        JsonObject told = visitor.socket().next("alternatives");
        assertEquals("no_counsellor", told.getString("reason"), "nobody online may take her before the cool-down ends");
        assertFalse(told.getJsonArray("emergency").isEmpty(), "the numbers to call meanwhile");
        // and it holds: a mere slip (a counsellor read a moment late as busy) would be told "waiting" again within a
        // tick or two (one a second); the lines may be told again, at a minute's turn, with the same reason
        List<JsonObject> later = visitor.socket().all("alternatives", Duration.ofMillis(2500));
        assertTrue(later.stream().allMatch(frame -> "no_counsellor".equals(frame.getString("reason"))),
                "still nobody free: " + later);
        assertTrue(visitor.socket().frames(Duration.ZERO).stream().map(frame -> frame.getString("type"))
                .noneMatch(type -> type.startsWith("offer")), "nothing said of the offer");

        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
        visitor.end();
    }
}
