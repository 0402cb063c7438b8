package org.helpline.store;

/** An offer that ended without an accept (declined, or its deadline fired). */
public enum ReleaseOutcome {
    /** The chat is back in the queue. */
    REQUEUED,
    /** The chat is back in the queue and the counsellor, who missed too many offers in a row, was set away. */
    REQUEUED_COUNSELLOR_SET_AWAY,
    /** It was no longer offered to this counsellor in this version: nothing changed. */
    GONE,
    /** The expiry had been fired by another node already. */
    ALREADY_FIRED;

    public boolean requeued() {
        return this == REQUEUED || this == REQUEUED_COUNSELLOR_SET_AWAY;
    }
}
