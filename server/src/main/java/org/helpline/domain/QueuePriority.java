package org.helpline.domain;

/**
 * The order of the waiting queue: people in danger first, then by arrival. Lower scores are served first.
 * The routing issue replaces this with priority classes and aging; the queue only needs a score.
 */
public final class QueuePriority {
    /** Larger than any epoch-millisecond timestamp this system will see, so classes never overlap. */
    static final double CLASS_SPAN = 1e13;

    private QueuePriority() {
    }

    public static double score(Triage triage, long arrivalEpochMillis) {
        int priorityClass = triage.inDanger() ? 0 : 1;
        return priorityClass * CLASS_SPAN + arrivalEpochMillis;
    }
}
