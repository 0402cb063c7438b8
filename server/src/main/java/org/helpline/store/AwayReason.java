package org.helpline.store;

/** Why the visitor's socket that held their presence left. */
public enum AwayReason {
    /** The visitor pressed quick exit. */
    QUICK_EXIT,
    /** The connection closed or went silent. */
    CONNECTION_LOST;

    /** The word stored with the conversation and sent to the counsellor. */
    public String wireName() {
        return ScriptWords.of(this);
    }

    static AwayReason fromWire(String word) {
        return ScriptWords.parse(AwayReason.class, word);
    }
}
