package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a waiting visitor should be handed the hotlines open now instead of only waiting: checked in the order
 * {@link OverflowReason#CLOSED}, {@link OverflowReason#LONG_WAIT}, {@link OverflowReason#NO_COUNSELLOR}.
 */
public final class OverflowPolicy {
    private final StepRouting routing;
    private final List<Counsellor> counsellors;
    private final Duration policyLength;

    public OverflowPolicy(StepRouting routing, List<Counsellor> counsellors) {
        this.routing = routing;
        this.counsellors = List.copyOf(counsellors);
        this.policyLength = routing.steps().stream().map(RoutingStep::timeout).reduce(Duration.ZERO, Duration::plus);
    }

    /** The first reason that applies to this waiting conversation now, if any. */
    public Optional<OverflowReason> reason(WaitingConversation waiting, List<ReachableCounsellor> reachable,
                                           Instant now) {
        if (counsellors.stream().noneMatch(counsellor -> routing.admits(waiting, counsellor, now))) {
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
}
