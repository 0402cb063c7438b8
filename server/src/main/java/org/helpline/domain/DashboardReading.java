package org.helpline.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard reads from the store at one moment, besides the queue: counsellors' presence, the active chats,
 * the answers of the last hour and of the day, today's outcome counters and the recent history. Nothing in it
 * identifies a visitor.
 *
 * @param presence    by counsellor id; a counsellor never seen is absent
 * @param outcomeTags today's anonymous outcome tag counts (tag id -> count)
 * @param endings     how today's ended chats ended (answered, redirected, left_... -> count)
 */
public record DashboardReading(Map<String, Presence> presence, List<ActiveChat> active, ServiceLevel lastHour,
                               ServiceLevel today, Map<String, Long> outcomeTags, Map<String, Long> endings,
                               List<HistoryPoint> history) {
    public DashboardReading {
        presence = Map.copyOf(presence);
        active = List.copyOf(active);
        outcomeTags = Map.copyOf(outcomeTags);
        endings = Map.copyOf(endings);
        history = List.copyOf(history);
    }

    /**
     * A counsellor's recorded availability, whether a console of theirs is live, their chats held + offered, and the
     * reason they gave for being away (an id of console.yaml's away reasons).
     */
    public record Presence(boolean available, boolean online, int load, Optional<String> awayReason) {
        public Presence(boolean available, boolean online, int load) {
            this(available, online, load, Optional.empty());
        }
    }

    /**
     * A chat a counsellor holds now. {@code answeredAt} is its first answer (ms); {@code risk} the level from the
     * counsellor's risk checklist; {@code visitorAway} why the visitor stepped away ({@code quick_exit} or
     * {@code connection_lost}) and since when (ms).
     */
    public record ActiveChat(String conversation, String association, String counsellorName, long createdAt,
                             long answeredAt, boolean inDanger, boolean childrenInvolved, Optional<String> risk,
                             Optional<String> visitorAway, long visitorAwaySince) {
    }
}
