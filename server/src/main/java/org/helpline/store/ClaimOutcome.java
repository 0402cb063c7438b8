package org.helpline.store;

/** The answer of the atomic claim: assigned or offered (with how long the conversation had waited), or why not. */
public record ClaimOutcome(Result result, long waitedMillis) {
    public enum Result {
        ASSIGNED,
        OFFERED,
        /** No longer waiting: another node or counsellor took it, or it ended. */
        TAKEN,
        /** The counsellor is away (automatic claims only). */
        UNAVAILABLE,
        /** The counsellor has no live console. */
        OFFLINE,
        /** The counsellor's load has reached their capacity. */
        FULL,
        /** The counsellor declined or missed it and is still in the cool-down. */
        EXCLUDED,
        /** The counsellor is in wrap-up after a chat ended (automatic claims only). */
        WRAPPING_UP;

        /** The script's word for it, as messages and logs say it. */
        public String wireName() {
            return ScriptWords.of(this);
        }

        static Result fromScript(String word) {
            return ScriptWords.parse(Result.class, word);
        }
    }

    public boolean succeeded() {
        return result == Result.ASSIGNED || result == Result.OFFERED;
    }
}
