package org.helpline.domain;

import java.util.List;

/**
 * The queue as the last routing round saw it: its head (at most the dispatcher's head size, in queue order) and how
 * many chats wait in all; and the chats offered to a counsellor who has not accepted yet, which have left the queue
 * but still wait for an answer ({@code offered}: the longest waiting of them, as many as the head at most;
 * {@code offeredTotal}: all of them). Shared by the gauges and the supervisor dashboard so that neither reads the
 * queue again.
 */
public record QueueView(List<WaitingConversation> head, long waiting, List<WaitingConversation> offered,
                        long offeredTotal) {
    public static final QueueView EMPTY = new QueueView(List.of(), 0);

    public QueueView {
        head = List.copyOf(head);
        offered = List.copyOf(offered);
    }

    /** The queue alone, nothing offered. */
    public QueueView(List<WaitingConversation> head, long waiting) {
        this(head, waiting, List.of(), 0);
    }

    /**
     * The waiting chats read: the queue's head, then the chats offered and not accepted, each once (the two are read
     * one after the other, and a chat may move between them meanwhile).
     */
    public List<WaitingConversation> counted() {
        return WaitingConversation.eachOnce(head, offered);
    }

    /** Every chat nobody has answered yet: in the queue, or offered and not accepted. */
    public long waitingInAll() {
        return Math.max(waiting, head.size()) + Math.max(offeredTotal, counted().size() - head.size());
    }
}
