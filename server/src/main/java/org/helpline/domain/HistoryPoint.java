package org.helpline.domain;

import java.util.OptionalLong;

/**
 * One minute of the dashboard's history, the same whichever node reads it: the most chats seen waiting and the longest
 * wait seen in that minute (sampled by every node, the highest kept; empty when no node sampled), and the chats first
 * answered in it with the sum of their waits.
 */
public record HistoryPoint(long epochMinute, OptionalLong waiting, OptionalLong longestWaitMillis, long answered,
                           long answeredWaitMillis) {
    public long startMillis() {
        return epochMinute * 60_000;
    }

    public OptionalLong averageWaitMillis() {
        return answered == 0 ? OptionalLong.empty() : OptionalLong.of(answeredWaitMillis / answered);
    }
}
