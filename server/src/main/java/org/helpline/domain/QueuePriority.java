package org.helpline.domain;

/**
 * The order of the waiting queue, lower first. Because aging is linear (one minute of priority per minute waited),
 * comparing "class head start + time waited" between two conversations does not depend on the current time, so the
 * score can be fixed at arrival: arrival time minus the class's head start. A conversation given back to the queue
 * keeps its score, hence its age.
 */
public final class QueuePriority {
    private QueuePriority() {
    }

    public static PriorityClass classOf(Triage triage) {
        return classOf(triage.inDanger(), triage.childrenInvolved());
    }

    public static PriorityClass classOf(boolean inDanger, boolean childrenInvolved) {
        if (inDanger) {
            return PriorityClass.IN_DANGER;
        }
        return childrenInvolved ? PriorityClass.CHILDREN : PriorityClass.STANDARD;
    }

    public static double score(Triage triage, long arrivalEpochMillis, PrioritySettings settings) {
        long headStart = switch (classOf(triage)) {
            case IN_DANGER -> settings.dangerHeadStart().toMillis();
            case CHILDREN -> settings.childrenHeadStart().toMillis();
            case STANDARD -> 0;
        };
        return arrivalEpochMillis - headStart;
    }

    /** The three classes, most urgent first. */
    public enum PriorityClass {
        IN_DANGER, CHILDREN, STANDARD;

        public String wireName() {
            return WireNames.of(this).replace('_', '-');
        }
    }
}
