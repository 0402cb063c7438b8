package org.helpline.store;

import java.util.Optional;

/**
 * A timer kept in Redis ({@link Keys#DEADLINES}), so that it survives the node that set it: any live node fires it
 * when due, exactly once (the script that fires it removes it and acts in one atomic step). Members are
 * {@code offer|<conversation>|<version>}, {@code step|<conversation>|<step>}, {@code presence|<counsellor>} and
 * {@code hold|<conversation>} (the time a visitor who left has to come back) and {@code start|<conversation>} (the
 * time a new conversation has for its visitor's socket to attach: a start whose answer was lost, by a node that died
 * or a Redis reply that came too late, leaves a chat nobody can continue, erased when it fires) and
 * {@code danger|<client key>} (the next look at a client key's in-danger chats grouped behind the one with the
 * priority: the next is raised when that one no longer waits) and {@code escalation|<id>} (the time an escalation's
 * webhook has to write its outcome: when it fires, its node stopped during the retries, and the entry is marked
 * unconfirmed) and {@code node|<node id>} (the end of a node's lease, renewed while it runs: when it fires, the node is
 * gone, and the visitors its sockets held are away).
 */
public record Deadline(Kind kind, String subject, long number, long dueAt) {
    public enum Kind { OFFER, STEP, PRESENCE, HOLD, START, DANGER, ESCALATION, NODE }

    public static Deadline offer(String conversation, long version) {
        return new Deadline(Kind.OFFER, conversation, version, 0);
    }

    public static Deadline step(String conversation, int step) {
        return new Deadline(Kind.STEP, conversation, step, 0);
    }

    public static Deadline presence(String counsellor) {
        return new Deadline(Kind.PRESENCE, counsellor, 0, 0);
    }

    public static Deadline hold(String conversation) {
        return new Deadline(Kind.HOLD, conversation, 0, 0);
    }

    public static Deadline start(String conversation) {
        return new Deadline(Kind.START, conversation, 0, 0);
    }

    /** The next look at the in-danger chats of the client key whose value is {@code clientKey}. */
    public static Deadline danger(String clientKey) {
        return new Deadline(Kind.DANGER, clientKey, 0, 0);
    }

    /** The time the webhook of escalation {@code id} has to write its outcome. */
    public static Deadline escalation(String id) {
        return new Deadline(Kind.ESCALATION, id, 0, 0);
    }

    /** The end of the lease of node {@code nodeId}. */
    public static Deadline node(String nodeId) {
        return new Deadline(Kind.NODE, nodeId, 0, 0);
    }

    public String member() {
        return switch (kind) {
            case OFFER -> "offer|" + subject + "|" + number;
            case STEP -> "step|" + subject + "|" + number;
            case PRESENCE -> "presence|" + subject;
            case HOLD -> "hold|" + subject;
            case START -> "start|" + subject;
            case DANGER -> "danger|" + subject;
            case ESCALATION -> "escalation|" + subject;
            case NODE -> "node|" + subject;
        };
    }

    /** The deadline a member names, due at {@code dueAt}; empty for a member this version does not know. */
    public static Optional<Deadline> parse(String member, long dueAt) {
        String[] parts = member.split("\\|");
        try {
            return switch (parts[0]) {
                case "offer" -> Optional.of(new Deadline(Kind.OFFER, parts[1], Long.parseLong(parts[2]), dueAt));
                case "step" -> Optional.of(new Deadline(Kind.STEP, parts[1], Integer.parseInt(parts[2]), dueAt));
                case "presence" -> Optional.of(new Deadline(Kind.PRESENCE, parts[1], 0, dueAt));
                case "hold" -> Optional.of(new Deadline(Kind.HOLD, parts[1], 0, dueAt));
                case "start" -> Optional.of(new Deadline(Kind.START, parts[1], 0, dueAt));
                case "danger" -> Optional.of(new Deadline(Kind.DANGER, parts[1], 0, dueAt));
                case "escalation" -> Optional.of(new Deadline(Kind.ESCALATION, parts[1], 0, dueAt));
                case "node" -> Optional.of(new Deadline(Kind.NODE, parts[1], 0, dueAt));
                default -> Optional.empty();
            };
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
