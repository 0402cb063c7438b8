package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue serves the visitors who are there, with a real Redis and real sockets: a visitor who left keeps their
 * conversation (and their place) but does not count in anyone's position and is offered to nobody until they return;
 * nobody online means no estimate.
 */
class PresentQueueIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(
            TestConfig.counsellor("present.amina", 1)));

    @Test
    void aVisitorWhoLeftCountsInNoPositionIsOfferedToNobodyAndKeepsTheirPlaceOnReturn() {
        Helpline.Visitor left = helpline.visitor(0, new JsonObject());
        Helpline.Visitor present = helpline.visitor(1, new JsonObject());
        JsonObject second = present.socket().take(frame -> "queue".equals(frame.getString("type")),
                "a position");
        assertEquals(2, second.getInteger("position"));
        assertNull(second.getValue("estimatedWaitSeconds"), "nobody online: no estimate");
        assertFalse(second.getBoolean("counsellorsOnline"));

        left.socket().close();
        assertEquals(1, present.socket().take(frame -> "queue".equals(frame.getString("type"))
                && frame.getInteger("position") == 1, "first, now that the other visitor left")
                .getInteger("position"));

        TestSocket console = helpline.availableConsole(0, "present.amina", TestConfig.PASSWORD);
        assertEquals(present.conversation(), console.next("assigned").getString("conversation"),
                "the present visitor is served, not the one who left");
        console.send(new JsonObject().put("type", "end").put("conversation", present.conversation()));
        console.take(frame -> "ended".equals(frame.getString("type")), "the end");

        TestSocket back = helpline.resumed(1, left);
        assertEquals(left.conversation(), console.take(frame -> "assigned".equals(frame.getString("type")),
                "the returning visitor's chat").getString("conversation"), "offered once back, with its place");
        back.next("assigned");
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }
}
