package org.helpline.domain;

import java.util.Set;

/**
 * A counsellor account: who they are to the visitor (display name and association), the languages they chat in and
 * the topics they take (their association's unless configured), how many chats they may hold at once, and whether
 * the account is a demonstration account shipped with the embedded default.
 */
public record Counsellor(String id, String displayName, String associationId, Set<String> languages,
                         Set<String> topics, int capacity, String passwordHash, boolean supervisor, boolean demo) {
    public Counsellor {
        languages = Set.copyOf(languages);
        topics = Set.copyOf(topics);
    }
}
