package org.helpline.store;

/** What an attempt to end a conversation (or to erase it, or to end it when the visitor's hold ran out) did. */
public sealed interface EndOutcome {
    /** Ended now, and how (in erase mode also erased). */
    record Ended(Ending ending) implements EndOutcome {
    }

    /** Nothing ended now. */
    enum NotEnded implements EndOutcome {
        /** No such conversation. */
        MISSING,
        /** It had ended before. */
        ALREADY_ENDED,
        /** It had ended before, and its transcript is erased now (erase mode). */
        ERASED,
        /** The visitor's hold was cancelled before it ran out: they came back (hold mode). */
        VISITOR_CAME_BACK,
        /** Someone else holds or is offered it than the caller believed; nothing changed. */
        STALE_HOLDER
    }

    /** How a conversation ended, for the day's ending counts. */
    enum Ending {
        /** A counsellor had it. */
        ANSWERED,
        /** The visitor took one of the hotlines shown to them. */
        REDIRECTED,
        /** The visitor left after hotlines had been shown. */
        LEFT_AFTER_ALTERNATIVE,
        /** The visitor left with no alternative shown. */
        LEFT_WITHOUT_ALTERNATIVE;

        /** The word the counters and metrics use. */
        public String wireName() {
            return ScriptWords.of(this);
        }
    }

    /** Reads end_conversation's reply. */
    static EndOutcome fromScript(String reply) {
        if (reply.startsWith("ok:")) {
            return new Ended(ScriptWords.parse(Ending.class, reply.substring(3)));
        }
        return switch (reply) {
            case "missing" -> NotEnded.MISSING;
            case "already" -> NotEnded.ALREADY_ENDED;
            case "erased" -> NotEnded.ERASED;
            case "cancelled" -> NotEnded.VISITOR_CAME_BACK;
            case "stale" -> NotEnded.STALE_HOLDER;
            default -> throw new IllegalStateException("end_conversation answered " + reply);
        };
    }
}
