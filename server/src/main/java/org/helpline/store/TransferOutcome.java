package org.helpline.store;

/** A counsellor's hand-over of a held chat to another counsellor. */
public enum TransferOutcome {
    /** The receiver holds the chat now. */
    TRANSFERRED,
    /** The giver does not hold the chat (any more). */
    NOT_ASSIGNED,
    /** The chat has {@link CaseRecordStore#MAX_NOTES} notes already: nothing moved, her note would be lost. */
    NOTES_FULL,
    /** The receiver has no live console. */
    OFFLINE,
    /** The receiver's load has reached their capacity. */
    FULL;

    /** The script's word for it, as messages say it. */
    public String wireName() {
        return ScriptWords.of(this);
    }

    static TransferOutcome fromScript(String reply) {
        return "ok".equals(reply) ? TRANSFERRED : ScriptWords.parse(TransferOutcome.class, reply);
    }
}
