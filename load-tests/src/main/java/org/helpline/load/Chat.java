package org.helpline.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What both ends of one chat saw, to find lost and doubled messages at the end. */
final class Chat {
    final String conversation;
    final long startNanos;
    final AtomicLong visitorAcked = new AtomicLong();
    final AtomicLong counsellorAcked = new AtomicLong();
    final Set<Long> receivedByCounsellor = ConcurrentHashMap.newKeySet();
    final Set<Long> receivedByVisitor = ConcurrentHashMap.newKeySet();

    Chat(String conversation, long startNanos) {
        this.conversation = conversation;
        this.startNanos = startNanos;
    }

    /** Messages acknowledged to one side and never delivered to the other. */
    long lost() {
        return Math.max(0, visitorAcked.get() - receivedByCounsellor.size())
                + Math.max(0, counsellorAcked.get() - receivedByVisitor.size());
    }
}
