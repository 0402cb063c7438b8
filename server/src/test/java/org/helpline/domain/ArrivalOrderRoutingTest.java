package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArrivalOrderRoutingTest {
    private final RoutingPolicy policy = new ArrivalOrderRouting();

    private static Triage triage(boolean danger) {
        return new Triage(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, danger);
    }

    private static WaitingConversation waiting(String id, long arrival, boolean danger) {
        return new WaitingConversation(id, QueuePriority.score(triage(danger), arrival), triage(danger));
    }

    @Test
    void dangerIsServedBeforeEarlierArrivals() {
        List<Assignment> assignments = policy.propose(
                List.of(waiting("early", 1_000, false), waiting("danger", 9_000, true)),
                List.of(new ReachableCounsellor("amina", "a", 0, 1)));
        assertEquals(List.of(new Assignment("danger", "amina")), assignments);
    }

    @Test
    void sameClassIsServedByArrival() {
        List<Assignment> assignments = policy.propose(
                List.of(waiting("third", 3_000, false), waiting("first", 1_000, false),
                        waiting("second", 2_000, false)),
                List.of(new ReachableCounsellor("amina", "a", 0, 2)));
        assertEquals(List.of("first", "second"), assignments.stream().map(Assignment::conversationId).toList());
    }

    @Test
    void neverProposesPastCapacity() {
        List<WaitingConversation> queue = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queue.add(waiting("c" + i, i, false));
        }
        List<ReachableCounsellor> counsellors = List.of(new ReachableCounsellor("a", "x", 1, 3),
                new ReachableCounsellor("b", "x", 0, 2), new ReachableCounsellor("full", "x", 2, 2));
        List<Assignment> assignments = policy.propose(queue, counsellors);
        Map<String, Integer> given = new HashMap<>();
        assignments.forEach(a -> given.merge(a.counsellorId(), 1, Integer::sum));
        assertEquals(2, given.get("a"));
        assertEquals(2, given.get("b"));
        assertTrue(!given.containsKey("full"));
        assertEquals(4, assignments.size());
    }

    @Test
    void prefersTheCounsellorWithMostFreeCapacity() {
        List<Assignment> assignments = policy.propose(List.of(waiting("c", 1, false)),
                List.of(new ReachableCounsellor("busy", "x", 2, 3), new ReachableCounsellor("free", "x", 0, 3)));
        assertEquals("free", assignments.get(0).counsellorId());
    }

    @Test
    void nobodyReachableMeansNoProposal() {
        assertTrue(policy.propose(List.of(waiting("c", 1, true)), List.of()).isEmpty());
    }
}
