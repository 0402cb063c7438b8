package org.helpline.store;

import java.util.List;

/** Whether a waiting chat gets the danger priority, or is grouped under its client key's chat that has it. */
public sealed interface DangerClaim {
    /** It has the priority (the first waiting in-danger chat of its key, or not waiting at all). */
    record Granted() implements DangerClaim {
    }

    /** Another chat of the same key waits in danger: this one queues as normal, counted under that one. */
    record Grouped(String holder, long count) implements DangerClaim {
    }

    static DangerClaim fromScript(List<Object> reply) {
        return switch ((String) reply.get(0)) {
            case "granted" -> new Granted();
            case "grouped" -> new Grouped((String) reply.get(1), (Long) reply.get(2));
            default -> throw new IllegalStateException("claim_danger answered " + reply);
        };
    }
}
