package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helpline.load.ConversationLog.Side;
import org.junit.jupiter.api.Test;

/**
 * A chat's bookkeeping when its counsellor's lease lapsed and another console took it over: the history the server
 * sends the next console is replayed, not doubled; a seq twice in the same hold, or twice to the visitor, is doubled;
 * a visitor's message is lost only when no console got it; and only the first assignment is timed.
 */
class ChatTest {
    private final Counts counts = new Counts();
    private final Chat chat = new Chat("c1", 0, counts);

    @Test
    void aReassignedChatsHistoryIsReplayedNotDoubled() {
        Chat.Hold first = chat.hold();
        assertFalse(first.again, "the first hold");
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(first, 1, "v1-1"));
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(first, 2, "v1-2"));
        assertEquals(Chat.Delivery.DOUBLED, chat.toCounsellor(first, 2, "v1-2"),
                "the same seq twice to the same console");

        Chat.Hold second = chat.hold();
        assertTrue(second.again, "a reassignment");
        assertEquals(Chat.Delivery.REPLAYED, chat.toCounsellor(second, 1, "v1-1"), "the history, from seq 1");
        assertEquals(Chat.Delivery.REPLAYED, chat.toCounsellor(second, 2, "v1-2"));
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(second, 3, "v1-3"), "written while the chat waited");
        assertEquals(Chat.Delivery.DOUBLED, chat.toCounsellor(second, 3, "v1-3"), "still doubled within the hold");
        assertEquals(Chat.Delivery.DOUBLED, chat.toCounsellor(second, 1, "v1-1"));
        assertEquals(3, chat.receivedByCounsellor());
        assertEquals(3, counts.get("error.doubled"), "each second copy counted");
    }

    @Test
    void aVisitorsMessageIsLostOnlyWhenNoConsoleGotIt() {
        for (int i = 1; i <= 3; i++) {
            chat.sent(Side.VISITOR, "v1-" + i);
            chat.acked(Side.VISITOR, "v1-" + i, i, false);
        }
        Chat.Hold first = chat.hold();
        chat.toCounsellor(first, 1, "v1-1");
        chat.toCounsellor(first, 2, "v1-2");
        Chat.Hold second = chat.hold(); // taken over, and released again before its history came
        chat.toCounsellor(second, 1, "v1-1");
        assertEquals(1, chat.unsettled().lost(), "seq 3 reached no console");
        chat.toCounsellor(chat.hold(), 3, "v1-3");
        assertEquals(ConversationLog.Unsettled.NONE, chat.unsettled());

        chat.sent(Side.COUNSELLOR, "load_1-1");
        chat.acked(Side.COUNSELLOR, "load_1-1", 4, false);
        chat.sent(Side.COUNSELLOR, "load_1-2");
        chat.acked(Side.COUNSELLOR, "load_1-2", 5, false);
        assertEquals(Chat.Delivery.FIRST, chat.toVisitor(4, "load_1-1"));
        assertEquals(Chat.Delivery.DOUBLED, chat.toVisitor(4, "load_1-1"), "the visitor is never sent one twice");
        assertEquals(1, chat.unsettled().lost(), "one of the counsellor's two reached the visitor");
        chat.toVisitor(5, "load_1-2");
        assertEquals(ConversationLog.Unsettled.NONE, chat.unsettled());
        assertEquals(1, counts.get("error.doubled"));
    }

    @Test
    void onlyTheFirstAssignmentIsTimed() {
        assertTrue(chat.firstAssignment());
        assertFalse(chat.firstAssignment(), "a reassignment is not the chat's start to counsellor");
    }
}
