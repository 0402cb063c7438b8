package org.helpline.store;

/** What a visitor's socket found when it took the visitor's presence on a conversation. */
public sealed interface VisitorAttachment {
    /** The visitor had been away, for this reason: their hold is cancelled and the counsellor told they are back. */
    record CameBack(AwayReason reason) implements VisitorAttachment {
    }

    enum Plain implements VisitorAttachment {
        /** Attached; the visitor had not been away (another tab, a reload). */
        ATTACHED,
        /** The conversation has ended or is gone: nothing changed. */
        CONVERSATION_ENDED
    }
}
