package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a waiting visitor should be handed the hotlines open now instead of only waiting: checked in the order
 * {@link OverflowReason#CLOSED}, {@link OverflowReason#LONG_WAIT}, {@link OverflowReason#NO_COUNSELLOR}.
 */
public final class OverflowPolicy {
    private final StepRouting routing;
    private final CounsellorKinds counsellors;
    private final Duration policyLength;

    public OverflowPolicy(StepRouting routing, List<Counsellor> counsellors) {
        this.routing = routing;
        this.counsellors = new CounsellorKinds(counsellors);
        this.policyLength = routing.steps().stream().map(RoutingStep::timeout).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The reasons for many waiting conversations at one instant: conversations alike in what the policy reads (triage,
     * step, exclusions, and whether they waited past the whole policy) get the answer computed for the first of them,
     * so a long queue costs one check per kind of conversation, not one per conversation.
     */
    public Check at(List<ReachableCounsellor> reachable, Instant now) {
        return new Check(List.copyOf(reachable), now);
    }

    /**
     * The first reason that applies to this waiting conversation now, if any. Closed reads the opening hours only: the
     * counsellors who declined it are out for their cool-down, not for the hour, so that a chat declined by everyone
     * configured is told nobody is free ({@link OverflowReason#NO_COUNSELLOR}), never that the service is closed.
     */
    public Optional<OverflowReason> reason(WaitingConversation waiting, List<ReachableCounsellor> reachable,
                                           Instant now) {
        if (routing.stepNow(waiting.withoutExclusions(), counsellors, now).isEmpty()) { // nobody configured may, now
            return Optional.of(OverflowReason.CLOSED);
        }
        boolean lastStep = waiting.step() >= routing.steps().size() - 1;
        if (!policyLength.isZero() && now.toEpochMilli() - waiting.arrivedAt() > policyLength.toMillis()
                && lastStep) {
            return Optional.of(OverflowReason.LONG_WAIT);
        }
        if (reachable.stream().noneMatch(counsellor -> counsellor.freeCapacity() > 0
                && routing.admits(waiting, counsellor.counsellor(), now))) {
            return Optional.of(OverflowReason.NO_COUNSELLOR);
        }
        return Optional.empty();
    }

    /** {@link #reason} for many conversations at one instant (see {@link #at}). */
    public final class Check {
        private final List<ReachableCounsellor> reachable;
        private final Instant now;
        private final Map<Kind, Optional<OverflowReason>> byKind = new HashMap<>();

        private Check(List<ReachableCounsellor> reachable, Instant now) {
            this.reachable = reachable;
            this.now = now;
        }

        public Optional<OverflowReason> reason(WaitingConversation waiting) {
            boolean pastPolicy = now.toEpochMilli() - waiting.arrivedAt() > policyLength.toMillis();
            return byKind.computeIfAbsent(new Kind(waiting.triage(), waiting.step(), waiting.excluded(), pastPolicy),
                    kind -> OverflowPolicy.this.reason(waiting, reachable, now));
        }
    }

    /** What {@link #reason} reads of a conversation. */
    private record Kind(Triage triage, int step, Set<String> excluded, boolean pastPolicy) {
    }
}
