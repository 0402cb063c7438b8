package org.helpline.store;

import java.util.Optional;
import org.helpline.domain.ConversationStatus;

/**
 * What recording a supervision entry did; {@code counsellorId} is the chat's holder when it was recorded (or left
 * unchanged), {@code status} where a chat that is not active is ({@code ENDED} also when it is gone).
 */
public record SupervisionOutcome(Result result, Optional<String> counsellorId, Optional<ConversationStatus> status) {
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
        REPEATED,
        /**
         * Nothing recorded, nothing to: the monitoring was open already (it passed to the socket asking), or its end
         * came from a socket that no longer holds it.
         */
        UNCHANGED,
        /** A call for help the full case record could not keep: raised and told to the holder all the same. */
        ALERTED
    }

    /** The script's answer: a word, with the holder's id or the chat's status after a colon. */
    static SupervisionOutcome fromScript(String reply) {
        int colon = reply.indexOf(':');
        String word = colon < 0 ? reply : reply.substring(0, colon);
        Optional<String> after = colon < 0 ? Optional.empty()
                : Optional.of(reply.substring(colon + 1)).filter(text -> !text.isEmpty());
        Result result = "ok".equals(word) ? Result.RECORDED : ScriptWords.parse(Result.class, word);
        if (result == Result.NOT_ACTIVE) {
            return new SupervisionOutcome(result, Optional.empty(),
                    Optional.of(after.map(ConversationStatus::fromWire).orElse(ConversationStatus.ENDED)));
        }
        return new SupervisionOutcome(result, after, Optional.empty());
    }
}
