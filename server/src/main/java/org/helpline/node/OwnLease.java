package org.helpline.node;

/**
 * What a node knows of its own lease in Redis from its renewals, on the JVM's monotonic clock (ms): whether a renewal
 * that succeeded may have found the lease run out while the node ran (another node may then have taken it for gone),
 * and whether the node may take another node for gone now. Redis answers a renewal that found no lease running; but
 * that answer may never arrive (a network cut that heals runs the renewals the node gave up on, and their replies are
 * dropped), so a renewal that succeeds more than a lease after the send of the one before is taken as a lapse too.
 * Event-loop confined.
 */
final class OwnLease {
    private final long leaseMillis;
    /** Whether a renewal succeeded once: a lapse before that is the node's start. */
    private boolean held;
    /** When the last renewal that succeeded was sent. */
    private long lastSentAt;
    /** Whether the latest renewal failed (or none ended yet): the node's own lease may be running out. */
    private boolean failing = true;
    /** No other node is taken for gone before this: a lease after this node found its own lease run out. */
    private long judgingFrom;

    OwnLease(long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }

    /**
     * A renewal sent at {@code sentAt} succeeded at {@code repliedAt}, Redis having found the lease run out or not
     * ({@code lapsed}); answers whether the lease may have run out while the node ran (not at its start).
     */
    boolean renewed(long sentAt, long repliedAt, boolean lapsed) {
        boolean mayHaveLapsed = lapsed || held && repliedAt - lastSentAt > leaseMillis;
        if (mayHaveLapsed) {
            judgingFrom = repliedAt + leaseMillis;
        }
        boolean whileRunning = held && mayHaveLapsed;
        held = true;
        lastSentAt = Math.max(lastSentAt, sentAt);
        failing = false;
        return whileRunning;
    }

    void failed() {
        failing = true;
    }

    /**
     * Whether another node's lease may be taken for gone at {@code now}: not while this node's own renewals fail (after
     * an outage every live node's lease has run out, and this node's poll would come before its next renewal), nor
     * within a lease of finding its own run out, so that every live node has renewed first.
     */
    boolean mayJudgeOthers(long now) {
        return !failing && now >= judgingFrom;
    }
}
