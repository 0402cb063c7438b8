package org.helpline.domain;

import java.time.Instant;
import java.util.List;

/**
 * Matches waiting conversations with counsellors. Proposals are only proposals: the store's atomic claim rejects any
 * that another node already made stale, so a policy never has to be right about concurrency, only about preference.
 */
public interface RoutingPolicy {
    List<Assignment> propose(List<WaitingConversation> waiting, List<ReachableCounsellor> counsellors, Instant now);
}
