package org.helpline.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The foundation's policy: waiting conversations in queue order (danger first, then arrival), each to the reachable
 * counsellor with the most free capacity (ties: lowest load, then id), never past a counsellor's capacity.
 */
public final class ArrivalOrderRouting implements RoutingPolicy {

    @Override
    public List<Assignment> propose(List<WaitingConversation> waiting, List<ReachableCounsellor> counsellors) {
        List<Slot> slots = new ArrayList<>();
        for (ReachableCounsellor counsellor : counsellors) {
            if (counsellor.freeCapacity() > 0) {
                slots.add(new Slot(counsellor.id(), counsellor.load(), counsellor.capacity()));
            }
        }
        List<WaitingConversation> ordered = new ArrayList<>(waiting);
        ordered.sort(Comparator.comparingDouble(WaitingConversation::score).thenComparing(WaitingConversation::id));
        Comparator<Slot> preference = Comparator.comparingInt(Slot::free).reversed()
                .thenComparingInt(slot -> slot.load)
                .thenComparing(slot -> slot.counsellorId);
        List<Assignment> assignments = new ArrayList<>();
        for (WaitingConversation conversation : ordered) {
            Slot best = slots.stream().filter(slot -> slot.free() > 0).min(preference).orElse(null);
            if (best == null) {
                break;
            }
            best.load++;
            assignments.add(new Assignment(conversation.id(), best.counsellorId));
        }
        return assignments;
    }

    private static final class Slot {
        final String counsellorId;
        int load;
        final int capacity;

        Slot(String counsellorId, int load, int capacity) {
            this.counsellorId = counsellorId;
            this.load = load;
            this.capacity = capacity;
        }

        int free() {
            return capacity - load;
        }
    }
}
