package org.helpline.domain;

import java.util.List;

/**
 * The seam the routing engine plugs into: given the head of the queue and the counsellors who can take chats,
 * propose assignments. Proposals are only proposals: the atomic claim in the store rejects any that another
 * node already made stale, so a policy never has to be right about concurrency, only about preference.
 */
public interface RoutingPolicy {
    List<Assignment> propose(List<WaitingConversation> waiting, List<ReachableCounsellor> counsellors);
}
