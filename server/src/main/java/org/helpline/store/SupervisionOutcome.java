package org.helpline.store;

import java.util.Optional;

/** What recording a supervision entry did; {@code counsellorId} is the chat's holder when it was recorded. */
public record SupervisionOutcome(Result result, Optional<String> counsellorId) {
    /** Recorded, or why not. */
    public enum Result {
        /** In the case record, and the counsellor holding the chat told. */
        RECORDED,
        /** The chat is not active (waiting, offered, ended, or gone): nobody holds it. */
        NOT_ACTIVE,
        /** The chat is active but not held by the counsellor expected. */
        NOT_ASSIGNED,
        /** The case record already has {@link CaseRecordStore#MAX_NOTES} supervision entries. */
        FULL,
        /** An alert for the chat went to the supervisors less than a minute ago: nothing recorded nor raised. */
        REPEATED
    }

    static SupervisionOutcome fromScript(String reply) {
        if (reply.startsWith("ok:")) {
            return new SupervisionOutcome(Result.RECORDED, Optional.of(reply.substring(3)));
        }
        if (reply.startsWith("repeated:")) {
            return new SupervisionOutcome(Result.REPEATED, Optional.of(reply.substring("repeated:".length())));
        }
        return new SupervisionOutcome(ScriptWords.parse(Result.class, reply), Optional.empty());
    }
}
