package org.helpline.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** The same chat as if nobody had declined it (what the opening hours alone allow). */
    public WaitingConversation withoutExclusions() {
        return new WaitingConversation(id, score, arrivedAt, triage, step, Set.of());
    }

    /**
     * The chats of {@code first}, then those of {@code then} that {@code first} does not hold: two reads of the queue
     * (or of the queue and the offered chats) one after the other, between which a chat may have moved, each once.
     */
    public static List<WaitingConversation> eachOnce(List<WaitingConversation> first, List<WaitingConversation> then) {
        Set<String> read = new HashSet<>();
        first.forEach(conversation -> read.add(conversation.id()));
        List<WaitingConversation> both = new ArrayList<>(first);
        then.stream().filter(conversation -> !read.contains(conversation.id())).forEach(both::add);
        return both;
    }
}
