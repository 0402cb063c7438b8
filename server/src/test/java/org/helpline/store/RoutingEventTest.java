package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The routing channel's words, as the scripts publish them (see operations.md, "Channels"). */
class RoutingEventTest {
    @Test
    void eachWordIsReadAsWhatHappened() {
        assertEquals(new RoutingEvent(RoutingEvent.Kind.CHAT_QUEUED, ""), RoutingEvent.parse("queued"));
        assertEquals(new RoutingEvent(RoutingEvent.Kind.CHAT_QUEUED, ""), RoutingEvent.parse("danger"));
        assertEquals(new RoutingEvent(RoutingEvent.Kind.STEP_WIDENED, "conv-1"), RoutingEvent.parse("step|conv-1"));
        for (String word : new String[]{"available", "away", "console", "capacity"}) {
            RoutingEvent event = RoutingEvent.parse(word + "|demo.amina");
            assertEquals(new RoutingEvent(RoutingEvent.Kind.COUNSELLOR_CHANGED, "demo.amina"), event, word);
            assertTrue(event.aboutACounsellor(), word);
        }
        for (String word : new String[]{"requeued", "gone"}) {
            assertEquals(new RoutingEvent(RoutingEvent.Kind.CHATS_REQUEUED, "demo.amina"),
                    RoutingEvent.parse(word + "|demo.amina"), word);
        }
        RoutingEvent nameless = RoutingEvent.parse("capacity");
        assertTrue(nameless.aboutACounsellor() && nameless.subject().isEmpty(), "an older node's: read everyone");
        assertFalse(RoutingEvent.parse("step|conv-1").aboutACounsellor());
        assertEquals(RoutingEvent.Kind.CHAT_QUEUED, RoutingEvent.parse("something-new").kind(), "a round is safe");
    }
}
