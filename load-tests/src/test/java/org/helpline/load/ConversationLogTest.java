package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helpline.load.ConversationLog.Side;
import org.helpline.load.ConversationLog.Unsettled;
import org.junit.jupiter.api.Test;

/**
 * Lost and doubled, message by message by {@code clientId}: what a count per chat could not see. A message delivered
 * without its ack does not hide one acknowledged and lost; a message with no answer at all is unresolved; one stored
 * under two seqs is doubled however the server tells it (two acks, an ack and a delivery, two deliveries), also once
 * it was settled; the ack of a resend is not a double.
 */
class ConversationLogTest {
    private final Counts counts = new Counts();
    private final ConversationLog log = new ConversationLog(counts);

    @Test
    void aMessageDeliveredWithoutItsAckDoesNotHideALostOne() {
        log.sent(Side.VISITOR, "v1-1");
        log.refused(Side.VISITOR, "v1-1"); // unavailable: may or may not be stored
        log.sent(Side.VISITOR, "v1-2");
        log.acked(Side.VISITOR, "v1-2", 2, false);
        assertTrue(log.delivered(Side.VISITOR, "v1-1", 1), "stored after all");
        assertEquals(new Unsettled(1, 1, 0, 0), log.unsettled(),
                "v1-2 lost, v1-1 delivered without ack: 1 acknowledged, 1 delivered, and still one lost");
        assertEquals(0, counts.get("error.doubled"));
    }

    @Test
    void whatWasNeverSettledIsToldApart() {
        log.sent(Side.VISITOR, "v1-1"); // nothing at all
        log.sent(Side.COUNSELLOR, "load_1-1");
        log.refused(Side.COUNSELLOR, "load_1-1"); // not_assigned: not stored
        log.sent(Side.COUNSELLOR, "load_1-2");
        log.delivered(Side.COUNSELLOR, "load_1-2", 1); // its ack still to come
        assertEquals(new Unsettled(0, 1, 1, 1), log.unsettled());
        assertEquals(1, log.unsettled().awaited(), "a drain waits for the unanswered one, not for the refused one");
        log.acked(Side.COUNSELLOR, "load_1-2", 1, false);
        assertEquals(new Unsettled(0, 0, 1, 1), log.unsettled(), "settled once acknowledged");
    }

    @Test
    void aMessageStoredUnderTwoSeqsIsDoubledHoweverItIsSeen() {
        log.sent(Side.VISITOR, "v1-1");
        log.acked(Side.VISITOR, "v1-1", 1, false);
        log.acked(Side.VISITOR, "v1-1", 2, true);
        assertEquals(1, counts.get("error.doubled"), "two acks, two seqs");

        log.sent(Side.VISITOR, "v1-2");
        log.acked(Side.VISITOR, "v1-2", 3, false);
        assertTrue(log.delivered(Side.VISITOR, "v1-2", 4), "its first delivery, under another seq than its ack's");
        assertEquals(2, counts.get("error.doubled"), "an ack and a delivery, two seqs");

        log.sent(Side.COUNSELLOR, "load_1-1");
        log.acked(Side.COUNSELLOR, "load_1-1", 5, false);
        assertTrue(log.delivered(Side.COUNSELLOR, "load_1-1", 5));
        assertFalse(log.delivered(Side.COUNSELLOR, "load_1-1", 6), "settled, then a second copy under a new seq");
        assertEquals(3, counts.get("error.doubled"));

        log.sent(Side.COUNSELLOR, "load_1-2");
        log.acked(Side.COUNSELLOR, "load_1-2", 7, false);
        log.acked(Side.COUNSELLOR, "load_1-2", 7, false);
        assertEquals(4, counts.get("error.doubled"), "stored afresh twice");
    }

    @Test
    void theAckOfAResendIsNotADouble() {
        log.sent(Side.VISITOR, "v1-1");
        log.refused(Side.VISITOR, "v1-1"); // unavailable, though stored; sent again with the same clientId
        assertTrue(log.delivered(Side.VISITOR, "v1-1", 1));
        log.acked(Side.VISITOR, "v1-1", 1, true);
        log.acked(Side.VISITOR, "v1-1", 1, true); // two resends in flight
        assertEquals(Unsettled.NONE, log.unsettled());
        assertEquals(0, counts.get("error.doubled"));
        assertFalse(log.delivered(Side.VISITOR, "v1-1", 2), "but a copy under another seq is, once settled too");
    }

    @Test
    void aMessageSentBeforeItsChatWasKnownIsCheckedFromItsAck() {
        log.acked(Side.COUNSELLOR, "load_1-1", 1, false); // sent while the visitor's started was not handled yet
        assertEquals(new Unsettled(1, 0, 0, 0), log.unsettled(), "acknowledged, not delivered yet");
        assertTrue(log.delivered(Side.COUNSELLOR, "load_1-1", 1));
        assertEquals(Unsettled.NONE, log.unsettled());
        assertEquals(0, counts.get("error.doubled"));
    }

    @Test
    void lostOrDoubledFailsTheRunAndNothingElseDoes() {
        counts.add("sent.visitor", 3);
        counts.add("acked.visitor", 1);
        counts.add("message.delivered_without_ack");
        counts.add("error.unresolved");
        MessageCheck check = MessageCheck.of(counts);
        assertEquals(3, check.sent());
        assertTrue(check.passed(), "unresolved and delivered without ack are reported, not failures: " + check);
        counts.add("error.doubled");
        assertFalse(MessageCheck.of(counts).passed());
        Counts lost = new Counts();
        lost.add("error.lost");
        assertFalse(MessageCheck.of(lost).passed());
    }
}
