package org.helpline.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Proposes the waiting conversations, in queue order, to the counsellors given. The counsellors are taken a kind
     * at a time ({@link CounsellorKind}): a step is checked once per kind and each kind keeps its counsellors in
     * order of preference, so a round costs the head times the kinds, not the head times the consoles.
     */
    @Override
    public List<Assignment> propose(List<WaitingConversation> waiting, List<ReachableCounsellor> counsellors,
                                    Instant now) {
        Map<CounsellorKind, Places> byKind = new LinkedHashMap<>();
        for (ReachableCounsellor reachable : counsellors) {
            if (mayTakeAChat(reachable, now)) {
                Association association = associations.get(reachable.counsellor().associationId());
                byKind.computeIfAbsent(CounsellorKind.of(reachable.counsellor()),
                        kind -> new Places(reachable.counsellor(), association)).add(new Slot(reachable));
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        for (WaitingConversation conversation : inQueueOrder(waiting)) {
            RoutingStep step = step(conversation.step());
            Places chosenFrom = null;
            Slot chosen = null;
            for (Places places : byKind.values()) {
                if (step.admits(conversation.triage(), places.example, places.association)) {
                    Slot best = places.best(conversation.excluded());
                    if (best != null && (chosen == null || SLOT_PREFERRED.compare(best, chosen) < 0)) {
                        chosen = best;
                        chosenFrom = places;
                    }
                }
            }
            if (chosen != null) {
                chosenFrom.give(chosen, now);
                assignments.add(new Assignment(conversation.id(), chosen.counsellor.id()));
            }
        }
        return assignments;
    }

    /** The free places of these counsellors that a chat may be proposed to now: their associations are open. */
    public int openPlaces(List<ReachableCounsellor> counsellors, Instant now) {
        return counsellors.stream().filter(counsellor -> mayTakeAChat(counsellor, now))
                .mapToInt(ReachableCounsellor::freeCapacity).sum();
    }

    private boolean mayTakeAChat(ReachableCounsellor reachable, Instant now) {
        Association association = associations.get(reachable.counsellor().associationId());
        return association != null && reachable.freeCapacity() > 0 && association.openingHours().isOpen(now);
    }

    /** Whether this counsellor could be given the conversation now. */
    public boolean admits(WaitingConversation conversation, Counsellor counsellor, Instant now) {
        return !conversation.excluded().contains(counsellor.id()) && admitsKind(conversation, counsellor, now);
    }

    /**
     * What a counsellor may pick from the queue's head now ({@link #admits}), in queue order; worked out once per kind
     * of counsellor, so that the pick lists of a thousand consoles of a few kinds cost a few passes over the head.
     */
    public Function<Counsellor, List<WaitingConversation>> pickable(List<WaitingConversation> head, Instant now) {
        Map<CounsellorKind, List<WaitingConversation>> byKind = new HashMap<>();
        return counsellor -> byKind.computeIfAbsent(CounsellorKind.of(counsellor), kind -> head.stream()
                        .filter(conversation -> admitsKind(conversation, counsellor, now)).toList())
                .stream().filter(conversation -> !conversation.excluded().contains(counsellor.id())).toList();
    }

    /** Whether counsellors of this one's kind could be given the conversation now, declines aside. */
    private boolean admitsKind(WaitingConversation conversation, Counsellor counsellor, Instant now) {
        Association association = associations.get(counsellor.associationId());
        return association != null && association.openingHours().isOpen(now)
                && step(conversation.step()).admits(conversation.triage(), counsellor, association);
    }

    /**
     * The associations a conversation's current step targets now: those open, with a counsellor the step admits for
     * it. These are the associations expected to answer it (whoever of them is online).
     */
    public Set<String> targets(WaitingConversation conversation, CounsellorKinds counsellors, Instant now) {
        Set<String> targeted = new HashSet<>();
        for (List<Counsellor> alike : counsellors.groups()) {
            Counsellor example = alike.get(0);
            if (!targeted.contains(example.associationId()) && admitsKind(conversation, example, now)
                    && alike.stream().anyMatch(counsellor -> !conversation.excluded().contains(counsellor.id()))) {
                targeted.add(example.associationId());
            }
        }
        return targeted;
    }

    /**
     * The step a waiting conversation should be at now: its own while that targets an association open now; when it
     * targets none (every association it admits closed now, or every counsellor of theirs declined it), the first later
     * step that does, for she would wait out a step nobody can answer; empty when no step from hers on targets anyone
     * (closed for her need).
     */
    public OptionalInt stepNow(WaitingConversation conversation, CounsellorKinds counsellors, Instant now) {
        for (int step = conversation.step(); step < steps.size(); step++) {
            WaitingConversation at = step == conversation.step() ? conversation
                    : new WaitingConversation(conversation.id(), conversation.score(), conversation.arrivedAt(),
                            conversation.triage(), step, conversation.excluded());
            if (!targets(at, counsellors, now).isEmpty()) {
                return OptionalInt.of(step);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Who may receive a transfer to this association: its reachable counsellors other than {@code from} with a free
     * place and not in wrap-up at {@code now}, best first by the same preference as routing (least loaded, idle
     * longest, lowest id).
     */
    public static List<ReachableCounsellor> transferTargets(List<ReachableCounsellor> reachable, String associationId,
                                                            String from, Instant now) {
        return reachable.stream()
                .filter(counsellor -> counsellor.counsellor().associationId().equals(associationId))
                .filter(counsellor -> !counsellor.id().equals(from) && counsellor.freeCapacity() > 0)
                .filter(counsellor -> !counsellor.wrappingUpAt(now))
                .sorted(PREFERRED)
                .toList();
    }

    /**
     * Whether a counsellor not read by this round, whose state is at best {@code unread} (as the board last read them:
     * their load can only be higher now, since every fall is announced and read), could have been preferred to one of
     * those the proposals gave a chat to. Each of these is compared in the state in which they were given their last
     * chat of the round: their load then, and given a chat now if it was their second. Kinds and declines are not
     * looked at, so it may answer yes where reading more changes nothing, never no where it would.
     */
    public static boolean couldPrefer(ReachableCounsellor unread, List<Assignment> proposals,
                                      List<ReachableCounsellor> read, Instant now) {
        Map<String, Integer> given = new HashMap<>();
        proposals.forEach(proposal -> given.merge(proposal.counsellorId(), 1, Integer::sum));
        for (ReachableCounsellor counsellor : read) {
            Integer chats = given.get(counsellor.id());
            if (chats != null) {
                ReachableCounsellor lastGiven = chats == 1 ? counsellor : new ReachableCounsellor(
                        counsellor.counsellor(), counsellor.load() + chats - 1, now.toEpochMilli());
                if (PREFERRED.compare(unread, lastGiven) < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    public static List<WaitingConversation> inQueueOrder(List<WaitingConversation> waiting) {
        List<WaitingConversation> ordered = new ArrayList<>(waiting);
        ordered.sort(Comparator.comparingDouble(WaitingConversation::score).thenComparing(WaitingConversation::id));
        return ordered;
    }

    /** Routing's preference between reachable counsellors, the best first (least loaded, idle longest, lowest id). */
    static final Comparator<ReachableCounsellor> PREFERRED = preference(ReachableCounsellor::load,
            ReachableCounsellor::lastAssignedAt, ReachableCounsellor::id);

    /** Which of two counsellors gets a chat: the least loaded, then the one given a chat least recently, then by id. */
    private static <T> Comparator<T> preference(ToIntFunction<T> load, ToLongFunction<T> lastAssignedAt,
                                                Function<T, String> id) {
        return Comparator.comparingInt(load).thenComparingLong(lastAssignedAt).thenComparing(id);
    }

    private static final Comparator<Slot> SLOT_PREFERRED = preference(slot -> slot.load,
            slot -> slot.lastAssignedAt, slot -> slot.counsellor.id());

    /** A counsellor's places as one proposal round fills them. */
    private static final class Slot {
        final ReachableCounsellor counsellor;
        int load;
        long lastAssignedAt;

        Slot(ReachableCounsellor counsellor) {
            this.counsellor = counsellor;
            this.load = counsellor.load();
            this.lastAssignedAt = counsellor.lastAssignedAt();
        }
    }

    /** The counsellors of one kind with a free place, the preferred first; one of them stands for all in a step. */
    private static final class Places {
        final Counsellor example;
        final Association association;
        final TreeSet<Slot> free = new TreeSet<>(SLOT_PREFERRED);

        Places(Counsellor example, Association association) {
            this.example = example;
            this.association = association;
        }

        void add(Slot slot) {
            free.add(slot);
        }

        /** The preferred of these counsellors who did not decline the conversation, or null. */
        Slot best(Set<String> declinedBy) {
            for (Slot slot : free) {
                if (!declinedBy.contains(slot.counsellor.id())) {
                    return slot;
                }
            }
            return null;
        }

        /** The slot's counsellor is proposed a chat: one place fewer, given one now (out of the set while full). */
        void give(Slot slot, Instant now) {
            free.remove(slot);
            slot.load++;
            slot.lastAssignedAt = now.toEpochMilli();
            if (slot.load < slot.counsellor.counsellor().capacity()) {
                free.add(slot);
            }
        }
    }
}
