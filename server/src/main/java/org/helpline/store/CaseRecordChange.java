package org.helpline.store;

/** A change to the counsellor's record of a chat: risk checklist, private note or outcome tags. */
public enum CaseRecordChange {
    SAVED,
    /** The counsellor does not hold the chat (for outcome tags: was not the last to hold it). */
    NOT_ASSIGNED,
    /** The chat has {@link CaseRecordStore#MAX_NOTES} notes already. */
    NOTES_FULL,
    /** Its outcome tags were recorded before (they are counted once). */
    OUTCOME_ALREADY_RECORDED;

    static CaseRecordChange fromScript(String reply) {
        return switch (reply) {
            case "ok" -> SAVED;
            case "not_assigned" -> NOT_ASSIGNED;
            case "full" -> NOTES_FULL;
            case "already" -> OUTCOME_ALREADY_RECORDED;
            default -> throw new IllegalStateException("case record script answered " + reply);
        };
    }
}
