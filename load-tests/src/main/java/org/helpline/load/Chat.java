package org.helpline.load;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.load.ConversationLog.Side;

/**
 * What both ends of one chat saw, to find lost and doubled messages, message by message ({@link ConversationLog}). A
 * chat may be held by several consoles one after the other (a counsellor's lease lapsed, the chat went back to the
 * queue and another took it): each {@link Hold} is sent the chat's messages from the first, so a seq one socket gets
 * twice is doubled, one a later hold gets again is its history replayed. Used from any event loop.
 */
final class Chat {
    final String conversation;
    final long startNanos;
    private final Counts counts;
    /** The counsellors' messages the visitor got, by seq. */
    private final BitSet receivedByVisitor = new BitSet();
    /** The visitor's messages that reached a console, in any hold, by seq. */
    private final BitSet receivedByCounsellor = new BitSet();
    private final ConversationLog log;
    private final AtomicBoolean assignmentTimed = new AtomicBoolean();
    private final AtomicInteger holds = new AtomicInteger();

    /** How one socket got a message: first on its side, replayed to a console that took the chat over, or doubled. */
    enum Delivery { FIRST, REPLAYED, DOUBLED }

    /** One console's hold of the chat, from its {@code assigned}: the visitor's messages it got, by seq. */
    static final class Hold {
        /** Whether the chat was held before (by this process's consoles): a reassignment. */
        final boolean again;
        private final BitSet seqs = new BitSet();

        private Hold(boolean again) {
            this.again = again;
        }
    }

    /** {@code counts}: where its doubled messages are counted as they are seen. */
    Chat(String conversation, long startNanos, Counts counts) {
        this.conversation = conversation;
        this.startNanos = startNanos;
        this.counts = counts;
        this.log = new ConversationLog(counts);
    }

    /** True once: the first assignment is the one timed as the chat's start to counsellor. */
    boolean firstAssignment() {
        return assignmentTimed.compareAndSet(false, true);
    }

    /** A console got the chat: the messages it is sent from now on count in the hold returned. */
    Hold hold() {
        return new Hold(holds.getAndIncrement() > 0);
    }

    synchronized void sent(Side side, String clientId) {
        log.sent(side, clientId);
    }

    synchronized void acked(Side side, String clientId, long seq, boolean duplicate) {
        log.acked(side, clientId, seq, duplicate);
    }

    synchronized void refused(Side side, String clientId) {
        log.refused(side, clientId);
    }

    /** A visitor's message ({@code clientId} under {@code seq}) that a console got in {@code hold}. */
    synchronized Delivery toCounsellor(Hold hold, long seq, String clientId) {
        if (!firstTo(hold.seqs, seq)) {
            return Delivery.DOUBLED;
        }
        if (receivedByCounsellor.get((int) seq)) {
            return Delivery.REPLAYED;
        }
        receivedByCounsellor.set((int) seq);
        return log.delivered(Side.VISITOR, clientId, seq) ? Delivery.FIRST : Delivery.DOUBLED;
    }

    /** A counsellor's message ({@code clientId} under {@code seq}) that the visitor got. */
    synchronized Delivery toVisitor(long seq, String clientId) {
        if (!firstTo(receivedByVisitor, seq)) {
            return Delivery.DOUBLED;
        }
        return log.delivered(Side.COUNSELLOR, clientId, seq) ? Delivery.FIRST : Delivery.DOUBLED;
    }

    /** Marks {@code seq} got by one socket; false, and counted doubled, if it had got it already. */
    private boolean firstTo(BitSet got, long seq) {
        if (got.get((int) seq)) {
            counts.add("error.doubled");
            return false;
        }
        got.set((int) seq);
        return true;
    }

    /** The visitor's messages that reached a console (distinct seqs, whichever console). */
    synchronized int receivedByCounsellor() {
        return receivedByCounsellor.cardinality();
    }

    /** The counsellors' messages that reached the visitor (distinct seqs). */
    synchronized int receivedByVisitor() {
        return receivedByVisitor.cardinality();
    }

    /** The messages of both sides not settled (yet): lost, unresolved... once the drain is over. */
    synchronized ConversationLog.Unsettled unsettled() {
        return log.unsettled();
    }
}
