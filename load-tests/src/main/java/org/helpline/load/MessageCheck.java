package org.helpline.load;

/**
 * A scenario's messages, checked one by one by their {@code clientId} ({@link ConversationLog}, {@link Drain}), from
 * its counters: sent and acknowledged (once per {@code clientId}) by both sides, delivered to the other side
 * ({@code relayed}: first deliveries), and what went wrong. Lost or doubled messages fail the run; the others are
 * reported: {@code deliveredWithoutAck} (stored, though the sender was told {@code unavailable} or nothing: not
 * losses), {@code refusedUndelivered}, {@code unresolved} (no answer at all), and {@code unknownChat} (acks in a chat
 * no visitor of this run started, which nothing can check).
 */
record MessageCheck(long sent, long acked, long relayed, long lost, long doubled, long deliveredWithoutAck,
                    long refusedUndelivered, long unresolved, long unknownChat) {
    static MessageCheck of(Counts counts) {
        return new MessageCheck(counts.get("sent.visitor") + counts.get("sent.counsellor"),
                counts.get("acked.visitor") + counts.get("acked.counsellor"),
                counts.get("received.visitor") + counts.get("received.counsellor"), counts.get("error.lost"),
                counts.get("error.doubled"), counts.get("message.delivered_without_ack"),
                counts.get("message.refused_undelivered"), counts.get("error.unresolved"),
                counts.get("message.unknown_chat"));
    }

    /** Nothing lost, nothing doubled. */
    boolean passed() {
        return lost == 0 && doubled == 0;
    }
}
