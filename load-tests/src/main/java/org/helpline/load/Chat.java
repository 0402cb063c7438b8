package org.helpline.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both ends of one chat saw, to find lost and doubled messages at the end. A chat may be held by several consoles
 * one after the other (a counsellor's lease lapsed, the chat went back to the queue and another took it): each
 * {@link Hold} is sent the chat's messages from the first, so a seq is doubled only when the same hold gets it twice,
 * and a message is lost when no console ever got it. Used from any event loop.
 */
final class Chat {
    final String conversation;
    final long startNanos;
    final AtomicLong visitorAcked = new AtomicLong();
    final AtomicLong counsellorAcked = new AtomicLong();
    final Set<Long> receivedByVisitor = ConcurrentHashMap.newKeySet();
    /** The visitor's messages that reached a console, in any hold. */
    private final Set<Long> receivedByCounsellor = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean assignmentTimed = new AtomicBoolean();
    private final AtomicInteger holds = new AtomicInteger();

    /** How one socket got a message: first on its side, replayed to a console that took the chat over, or doubled. */
    enum Delivery { FIRST, REPLAYED, DOUBLED }

    /** One console's hold of the chat, from its {@code assigned}: the visitor's messages it got, by seq. */
    static final class Hold {
        /** Whether the chat was held before (by this process's consoles): a reassignment. */
        final boolean again;
        private final Set<Long> seqs = ConcurrentHashMap.newKeySet();

        private Hold(boolean again) {
            this.again = again;
        }
    }

    Chat(String conversation, long startNanos) {
        this.conversation = conversation;
        this.startNanos = startNanos;
    }

    /** True once: the first assignment is the one timed as the chat's start to counsellor. */
    boolean firstAssignment() {
        return assignmentTimed.compareAndSet(false, true);
    }

    /** A console got the chat: the messages it is sent from now on count in the hold returned. */
    Hold hold() {
        return new Hold(holds.getAndIncrement() > 0);
    }

    /** A visitor's message that a console got in {@code hold}. */
    Delivery toCounsellor(Hold hold, long seq) {
        if (!hold.seqs.add(seq)) {
            return Delivery.DOUBLED;
        }
        return receivedByCounsellor.add(seq) ? Delivery.FIRST : Delivery.REPLAYED;
    }

    /** A counsellor's message that the visitor got. */
    Delivery toVisitor(long seq) {
        return receivedByVisitor.add(seq) ? Delivery.FIRST : Delivery.DOUBLED;
    }

    /** The visitor's messages that reached a console (distinct seqs, whichever console). */
    long receivedByCounsellor() {
        return receivedByCounsellor.size();
    }

    /** Messages acknowledged to one side and never delivered to the other (to no console, for the visitor's). */
    long lost() {
        return Math.max(0, visitorAcked.get() - receivedByCounsellor.size())
                + Math.max(0, counsellorAcked.get() - receivedByVisitor.size());
    }
}
