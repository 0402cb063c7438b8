package org.helpline.store;

import java.util.List;

/**
 * Whether a waiting chat gets the danger priority, is grouped under its client key's chat that has it, or is behind
 * (started beyond its /48's chats of the hour: it never gets it).
 */
public sealed interface DangerClaim {
    /**
     * Whether the supervisors were alerted of her danger: her chat raised, or counted in the alert of the chat of her
     * key that holds the priority; not for a chat started behind its network.
     */
    default boolean alerted() {
        return !(this instanceof Behind);
    }

    /** It has the priority (no other chat of its key given it still waits), or it is not waiting at all. */
    record Granted() implements DangerClaim {
    }

    /**
     * Another chat of the same key given the priority waits: this one queues as normal, counted under that one, and is
     * raised in its turn once that one no longer waits ({@link ClientStore#promoteDanger}).
     */
    record Grouped(String holder, long count) implements DangerClaim {
    }

    /** Started beyond its network's hour's chats (an IPv6 /48): queued behind, without the priority, then or later. */
    record Behind() implements DangerClaim {
    }

    static DangerClaim fromScript(List<Object> reply) {
        return switch ((String) reply.get(0)) {
            case "granted" -> new Granted();
            case "behind" -> new Behind();
            case "grouped" -> new Grouped((String) reply.get(1), (Long) reply.get(2));
            default -> throw new IllegalStateException("a danger claim answered " + reply.get(0));
        };
    }
}
