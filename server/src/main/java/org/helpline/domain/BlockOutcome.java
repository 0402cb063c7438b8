package org.helpline.domain;

/**
 * What came of a counsellor's block of a chat's client: blocked, or nobody, because the key of the client that started
 * the chat is no longer known (kept a day, erased when the visitor deletes the chat) or no longer means anyone (its
 * day's secret expired).
 */
public enum BlockOutcome {
    BLOCKED, CLIENT_UNKNOWN;

    public String wireName() {
        return WireNames.of(this);
    }
}
