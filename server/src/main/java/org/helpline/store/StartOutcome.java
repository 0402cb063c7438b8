package org.helpline.store;

import java.util.List;
import java.util.Optional;

/** What a visitor's start came to. A refused visitor is told the same whatever the reason. */
public sealed interface StartOutcome {
    /**
     * The conversation waits in the queue; when she said she is in danger now, whether it got the danger priority or
     * was grouped under another waiting chat of her client key.
     */
    record Started(Optional<DangerClaim> danger) implements StartOutcome {
    }

    /** Nothing was written. */
    enum NotStarted implements StartOutcome {
        /** The client key started {@code abuse.chatsPerClientPerHour} chats this hour. */
        LIMITED,
        /** A counsellor ended one of the client key's chats as abusive. */
        BLOCKED,
        /** The resume code drawn is in use (rare: 60 bits): draw another. */
        CODE_TAKEN,
        /** The conversation id drawn is in use (128 random bits: never, unless the random source is broken). */
        ID_TAKEN
    }

    static StartOutcome fromScript(List<Object> reply) {
        return switch ((String) reply.get(0)) {
            case "started" -> new Started(reply.size() == 1 ? Optional.empty()
                    : Optional.of(DangerClaim.fromScript(reply.subList(1, reply.size()))));
            case "limited" -> NotStarted.LIMITED;
            case "blocked" -> NotStarted.BLOCKED;
            case "code_taken" -> NotStarted.CODE_TAKEN;
            case "id_taken" -> NotStarted.ID_TAKEN;
            default -> throw new IllegalStateException("start_chat answered " + reply.get(0));
        };
    }
}
