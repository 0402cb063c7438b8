package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a supervisor sees at one moment: the queue (in all, by routing step, by association expected to answer), the
 * counsellors by state, the active chats, the service level, today's outcomes and the latest minutes of history.
 * Associations and active chats come most urgent first.
 *
 * @param waiting        every chat nobody has answered yet: in the queue, or offered and not accepted
 * @param counted        waiting chats the per-step and per-association figures cover (the head of the queue, then
 *                       the chats offered and not accepted: {@link QueueView#counted})
 * @param unattributed   counted chats whose current step no open association can take now
 * @param activeTotal    active chats in all ({@code active} may list only the most urgent)
 * @param away           the counsellors away with a live console, in the configured order, and why
 */
public record DashboardSnapshot(Instant at, long waiting, int counted, long waitingInDanger, Duration longestWait,
                                List<StepLine> steps, long unattributed, List<AssociationLine> associations,
                                CounsellorCounts counsellors, List<ActiveLine> active, int activeTotal,
                                ServiceLevel lastHour, ServiceLevel today, Map<String, Long> outcomeTags,
                                Map<String, Long> endings, List<HistoryPoint> history, List<AwayLine> away) {

    /** A counsellor away with a live console, and the reason they gave (an id of console.yaml's away reasons). */
    public record AwayLine(String counsellor, String association, Optional<String> reason) {
    }

    /** Waiting chats at one step of the routing policy. */
    public record StepLine(String name, long waiting) {
    }

    /** Counsellors in each state. */
    public record CounsellorCounts(int available, int busy, int away, int offline) {
        public static final CounsellorCounts NONE = new CounsellorCounts(0, 0, 0, 0);

        public CounsellorCounts plus(CounsellorState state) {
            return new CounsellorCounts(available + (state == CounsellorState.AVAILABLE ? 1 : 0),
                    busy + (state == CounsellorState.BUSY ? 1 : 0), away + (state == CounsellorState.AWAY ? 1 : 0),
                    offline + (state == CounsellorState.OFFLINE ? 1 : 0));
        }

        public int online() {
            return available + busy + away;
        }
    }

    /**
     * One association: whether it is open, the waiting chats its counsellors are expected to answer (those whose
     * current step targets it), by step, how many of them are in danger and the longest wait among them, its
     * counsellors by state and the chats they hold.
     */
    public record AssociationLine(String id, String name, boolean open, long waiting, Map<String, Long> waitingByStep,
                                  long inDanger, Duration longestWait, CounsellorCounts counsellors,
                                  long activeChats) {
        /** Something is going on: chats waiting for it or held by it, or a counsellor online. */
        public boolean hasActivity() {
            return waiting > 0 || activeChats > 0 || counsellors.online() > 0;
        }
    }

    /** An active chat: who holds it, how urgent it is, how long it waited and lasted, whether the visitor is away. */
    public record ActiveLine(String conversation, String association, String counsellorName,
                             QueuePriority.PriorityClass priority, Optional<String> risk, Duration waited,
                             Duration duration, Optional<String> visitorAway, Optional<Duration> visitorAwayFor) {
    }
}
