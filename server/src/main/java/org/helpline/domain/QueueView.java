package org.helpline.domain;

import java.util.List;

/**
 * The queue as the last routing round saw it: its head (at most the dispatcher's head size, in queue order) and how
 * many chats wait in all. Shared by the gauges and the supervisor dashboard so that neither reads the queue again.
 */
public record QueueView(List<WaitingConversation> head, long waiting) {
    public static final QueueView EMPTY = new QueueView(List.of(), 0);

    public QueueView {
        head = List.copyOf(head);
    }
}
