package org.helpline.domain;

/**
 * A counsellor account: who they are to the visitor (display name and association), how many chats they may hold
 * at once, and whether the account is a demonstration account shipped with the embedded default.
 */
public record Counsellor(String id, String displayName, String associationId, int capacity, String passwordHash,
                         boolean supervisor, boolean demo) {
}
