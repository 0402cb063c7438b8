package org.helpline.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The routing policy: conversations in queue order (priority class head start, then arrival); each may go to a
 * counsellor whose association is open now, who has free capacity, has not just declined it, and meets the criteria
 * of the step the conversation has reached. Among those, the least loaded, then the one idle longest (given a chat
 * least recently), then the lowest id.
 */
public final class StepRouting implements RoutingPolicy {
    private final List<RoutingStep> steps;
    private final Map<String, Association> associations;

    public StepRouting(List<RoutingStep> steps, Map<String, Association> associations) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a routing policy needs at least one step");
        }
        this.steps = List.copyOf(steps);
        this.associations = Map.copyOf(associations);
    }

    public List<RoutingStep> steps() {
        return steps;
    }

    /** The step a conversation at index {@code step} is routed by (the last one once past the end). */
    public RoutingStep step(int step) {
        return steps.get(Math.max(0, Math.min(step, steps.size() - 1)));
    }

    @Override
    public List<Assignment> propose(List<WaitingConversation> waiting, List<ReachableCounsellor> counsellors,
                                    Instant now) {
        List<Slot> slots = new ArrayList<>();
        for (ReachableCounsellor reachable : counsellors) {
            Association association = associations.get(reachable.counsellor().associationId());
            if (association != null && reachable.freeCapacity() > 0 && association.openingHours().isOpen(now)) {
                slots.add(new Slot(reachable, association));
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        for (WaitingConversation conversation : inQueueOrder(waiting)) {
            choose(conversation, slots).ifPresent(slot -> {
                slot.load++;
                slot.lastAssignedAt = now.toEpochMilli();
                assignments.add(new Assignment(conversation.id(), slot.counsellor.id()));
            });
        }
        return assignments;
    }

    /** Whether this counsellor could be given the conversation now (the pick list shows these). */
    public boolean admits(WaitingConversation conversation, Counsellor counsellor, Instant now) {
        Association association = associations.get(counsellor.associationId());
        return association != null && association.openingHours().isOpen(now)
                && !conversation.excluded().contains(counsellor.id())
                && step(conversation.step()).admits(conversation.triage(), counsellor, association);
    }

    /**
     * The associations a conversation's current step targets now: those open, with a counsellor the step admits for
     * it. These are the associations expected to answer it (whoever of them is online).
     */
    public Set<String> targets(WaitingConversation conversation, Collection<Counsellor> counsellors, Instant now) {
        Set<String> targeted = new HashSet<>();
        for (Counsellor counsellor : counsellors) {
            if (!targeted.contains(counsellor.associationId()) && admits(conversation, counsellor, now)) {
                targeted.add(counsellor.associationId());
            }
        }
        return targeted;
    }

    /**
     * Who may receive a transfer to this association: its reachable counsellors other than {@code from} with a free
     * place and not in wrap-up, best first by the same preference as routing (least loaded, idle longest, lowest id).
     */
    public static List<ReachableCounsellor> transferTargets(List<ReachableCounsellor> reachable, String associationId,
                                                            String from) {
        return reachable.stream()
                .filter(counsellor -> counsellor.counsellor().associationId().equals(associationId))
                .filter(counsellor -> !counsellor.id().equals(from) && counsellor.freeCapacity() > 0)
                .filter(counsellor -> !counsellor.wrappingUp())
                .sorted(PREFERRED)
                .toList();
    }

    public static List<WaitingConversation> inQueueOrder(List<WaitingConversation> waiting) {
        List<WaitingConversation> ordered = new ArrayList<>(waiting);
        ordered.sort(Comparator.comparingDouble(WaitingConversation::score).thenComparing(WaitingConversation::id));
        return ordered;
    }

    private Optional<Slot> choose(WaitingConversation conversation, List<Slot> slots) {
        RoutingStep step = step(conversation.step());
        return slots.stream()
                .filter(slot -> slot.load < slot.counsellor.counsellor().capacity())
                .filter(slot -> !conversation.excluded().contains(slot.counsellor.id()))
                .filter(slot -> step.admits(conversation.triage(), slot.counsellor.counsellor(), slot.association))
                .min(preference(slot -> slot.load, slot -> slot.lastAssignedAt, slot -> slot.counsellor.id()));
    }

    /** Routing's preference between reachable counsellors, the best first (least loaded, idle longest, lowest id). */
    static final Comparator<ReachableCounsellor> PREFERRED = preference(ReachableCounsellor::load,
            ReachableCounsellor::lastAssignedAt, ReachableCounsellor::id);

    /** Which of two counsellors gets a chat: the least loaded, then the one given a chat least recently, then by id. */
    private static <T> Comparator<T> preference(ToIntFunction<T> load, ToLongFunction<T> lastAssignedAt,
                                                Function<T, String> id) {
        return Comparator.comparingInt(load).thenComparingLong(lastAssignedAt).thenComparing(id);
    }

    private static final class Slot {
        final ReachableCounsellor counsellor;
        final Association association;
        int load;
        long lastAssignedAt;

        Slot(ReachableCounsellor counsellor, Association association) {
            this.counsellor = counsellor;
            this.association = association;
            this.load = counsellor.load();
            this.lastAssignedAt = counsellor.lastAssignedAt();
        }
    }
}
