package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A chat's bookkeeping when its counsellor's lease lapsed and another console took it over: the history the server
 * sends the next console is replayed, not doubled; a seq twice in the same hold, or twice to the visitor, is doubled;
 * a message is lost only when no console got it; and only the first assignment is timed.
 */
class ChatTest {
    @Test
    void aReassignedChatsHistoryIsReplayedNotDoubled() {
        Chat chat = new Chat("c1", 0);
        Chat.Hold first = chat.hold();
        assertFalse(first.again, "the first hold");
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(first, 1));
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(first, 2));
        assertEquals(Chat.Delivery.DOUBLED, chat.toCounsellor(first, 2), "the same seq twice to the same console");

        Chat.Hold second = chat.hold();
        assertTrue(second.again, "a reassignment");
        assertEquals(Chat.Delivery.REPLAYED, chat.toCounsellor(second, 1), "the history, from seq 1");
        assertEquals(Chat.Delivery.REPLAYED, chat.toCounsellor(second, 2));
        assertEquals(Chat.Delivery.FIRST, chat.toCounsellor(second, 3), "written while the chat waited");
        assertEquals(Chat.Delivery.DOUBLED, chat.toCounsellor(second, 3), "still doubled within the second hold");
        assertEquals(Chat.Delivery.DOUBLED, chat.toCounsellor(second, 1));
        assertEquals(3, chat.receivedByCounsellor());
    }

    @Test
    void lostIsWhatNoConsoleOrNoVisitorGot() {
        Chat chat = new Chat("c1", 0);
        Chat.Hold first = chat.hold();
        chat.toCounsellor(first, 1);
        chat.toCounsellor(first, 2);
        Chat.Hold second = chat.hold(); // taken over, and released again before its history came
        chat.toCounsellor(second, 1);
        chat.visitorAcked.set(3);
        assertEquals(1, chat.lost(), "seq 3 reached no console");
        chat.toCounsellor(chat.hold(), 3);
        assertEquals(0, chat.lost());

        chat.counsellorAcked.set(2);
        assertEquals(Chat.Delivery.FIRST, chat.toVisitor(4));
        assertEquals(Chat.Delivery.DOUBLED, chat.toVisitor(4), "the visitor is never sent a message twice");
        assertEquals(1, chat.lost(), "one of the counsellor's two reached the visitor");
        chat.toVisitor(5);
        assertEquals(0, chat.lost());
    }

    @Test
    void onlyTheFirstAssignmentIsTimed() {
        Chat chat = new Chat("c1", 0);
        assertTrue(chat.firstAssignment());
        assertFalse(chat.firstAssignment(), "a reassignment is not the chat's start to counsellor");
    }
}
