package org.helpline.domain;

import java.util.Set;

/**
 * A conversation in the queue as the router sees it (no message text, no secret): its queue score, arrival, triage, the
 * routing step it has reached, and the counsellors who declined or let its offer expire recently.
 */
public record WaitingConversation(String id, double score, long arrivedAt, Triage triage, int step,
                                  Set<String> excluded) {
    public WaitingConversation {
        excluded = Set.copyOf(excluded);
    }
}
