package org.helpline.domain;

import java.time.Duration;
import java.util.Set;

/**
 * One step of the routing policy: the criteria a counsellor must meet, and how long a conversation stays at this
 * step before it moves to the next (the last step has no timeout).
 */
public record RoutingStep(String name, Set<Criterion> criteria, Duration timeout) {
    public RoutingStep {
        criteria = Set.copyOf(criteria);
    }

    public boolean admits(Triage triage, Counsellor counsellor, Association association) {
        for (Criterion criterion : criteria) { // a loop, not a stream: routing asks this for every kind in the head
            if (!criterion.matches(triage, counsellor, association)) {
                return false;
            }
        }
        return true;
    }
}
