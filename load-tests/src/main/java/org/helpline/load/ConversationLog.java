package org.helpline.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the generator knows of one conversation's log, message by message (docs/protocol.md, "Messages, sequence
 * numbers and exactly-once"): each message a side sent, by its {@code clientId}, until it is settled (acknowledged and
 * delivered to the other side under the same {@code seq}); and, for every {@code seq} delivered, which side's
 * {@code clientId} it holds (a 64-bit fingerprint, 8 bytes a message), so that a message seen again once settled (the
 * ack of a resend, a second copy) is still recognised. A second copy is counted {@code error.doubled} when it is seen
 * (once per message while it is not settled): the same {@code clientId} acknowledged or delivered under two seqs, or
 * acknowledged afresh ({@code duplicate: false}) twice. An ack or a delivery of a {@code clientId} not recorded as sent
 * (a console that wrote in the chat before its visitor's side was known here) starts its record. What was never
 * settled is counted at the end by {@link #unsettled}. Not thread-safe: {@link Chat} guards it.
 */
final class ConversationLog {
    private final Counts counts;
    private final Map<String, Sent> visitorSent = new HashMap<>();
    private final Map<String, Sent> counsellorSent = new HashMap<>();
    /** By seq, the fingerprint of the side and clientId delivered under it; 0: nothing delivered yet. */
    private long[] delivered = new long[16];

    /** Which side wrote a message. */
    enum Side { VISITOR, COUNSELLOR }

    /** One message sent and not yet settled: its ack's seq and its delivery's (0: none yet), a refusal, a double. */
    private static final class Sent {
        long ackSeq;
        long deliveredSeq;
        boolean refused;
        boolean doubled;
    }

    /**
     * The messages never settled, at the end: acknowledged and never delivered ({@code lost}), delivered and never
     * acknowledged ({@code deliveredWithoutAck}: stored, whatever the sender was told), refused with an error and
     * never delivered ({@code refused}), and neither acknowledged, refused nor delivered ({@code unresolved}).
     */
    record Unsettled(long lost, long deliveredWithoutAck, long refused, long unresolved) {
        static final Unsettled NONE = new Unsettled(0, 0, 0, 0);

        Unsettled plus(Unsettled other) {
            return new Unsettled(lost + other.lost, deliveredWithoutAck + other.deliveredWithoutAck,
                    refused + other.refused, unresolved + other.unresolved);
        }

        /** What a drain still waits for: acknowledged and not delivered, or not answered at all. */
        long awaited() {
            return lost + unresolved;
        }
    }

    ConversationLog(Counts counts) {
        this.counts = counts;
    }

    /** A {@code send} written for the first time (its resends keep the record). */
    void sent(Side side, String clientId) {
        recorded(side, clientId);
    }

    /** An {@code error} whose {@code ref} is {@code clientId}: the message was refused (for now, if it is resent). */
    void refused(Side side, String clientId) {
        Sent sent = sentBy(side).get(clientId);
        if (sent != null) {
            sent.refused = true;
        }
    }

    /** An {@code ack}: a second one naming another seq, or a second fresh one ({@code duplicate: false}), doubles. */
    void acked(Side side, String clientId, long seq, boolean duplicate) {
        Sent sent = sentBy(side).get(clientId);
        if (sent == null) {
            long known = seqOf(fingerprint(side, clientId), seq);
            if (known != 0) { // settled: the ack of a resend
                if (known != seq || !duplicate) {
                    counts.add("error.doubled");
                }
                return;
            }
            sent = recorded(side, clientId);
        }
        boolean again = sent.ackSeq != 0 && (sent.ackSeq != seq || !duplicate);
        if (again || sent.deliveredSeq != 0 && sent.deliveredSeq != seq) {
            doubled(sent); // stored under two seqs, as the server tells it
        }
        if (sent.ackSeq == 0) {
            sent.ackSeq = seq;
        }
        settleIfDone(side, clientId, sent);
    }

    /**
     * The first delivery of {@code seq} to the other side's sockets: false if it is a second copy of a message already
     * delivered under another seq (counted doubled), true if it is a message's first delivery.
     */
    boolean delivered(Side side, String clientId, long seq) {
        long fingerprint = fingerprint(side, clientId);
        Sent sent = sentBy(side).get(clientId);
        if (sent == null) {
            if (seqOf(fingerprint, seq) != 0) { // settled under another seq
                counts.add("error.doubled");
                return false;
            }
            sent = recorded(side, clientId);
        }
        if (sent.deliveredSeq != 0) { // this seq's first delivery: the message came under another before
            doubled(sent);
            return false;
        }
        if (sent.ackSeq != 0 && sent.ackSeq != seq) {
            doubled(sent); // acknowledged under one seq, delivered under another
        }
        sent.deliveredSeq = seq;
        if (seq >= delivered.length) {
            delivered = Arrays.copyOf(delivered, (int) Math.max(seq + 1, 2L * delivered.length));
        }
        delivered[(int) seq] = fingerprint;
        settleIfDone(side, clientId, sent);
        return true;
    }

    /** The messages of both sides not settled (yet). */
    Unsettled unsettled() {
        return unsettled(visitorSent).plus(unsettled(counsellorSent));
    }

    private static Unsettled unsettled(Map<String, Sent> sent) {
        long lost = 0;
        long deliveredWithoutAck = 0;
        long refused = 0;
        long unresolved = 0;
        for (Sent one : sent.values()) {
            if (one.ackSeq != 0) {
                lost++; // settled ones are gone: an acknowledged one left was not delivered
            } else if (one.deliveredSeq != 0) {
                deliveredWithoutAck++;
            } else if (one.refused) {
                refused++;
            } else {
                unresolved++;
            }
        }
        return new Unsettled(lost, deliveredWithoutAck, refused, unresolved);
    }

    private Map<String, Sent> sentBy(Side side) {
        return side == Side.VISITOR ? visitorSent : counsellorSent;
    }

    private Sent recorded(Side side, String clientId) {
        Sent sent = new Sent();
        sentBy(side).put(clientId, sent);
        return sent;
    }

    private void doubled(Sent sent) {
        if (!sent.doubled) {
            sent.doubled = true;
            counts.add("error.doubled");
        }
    }

    private void settleIfDone(Side side, String clientId, Sent sent) {
        if (sent.ackSeq != 0 && sent.deliveredSeq != 0) {
            sentBy(side).remove(clientId);
        }
    }

    /** The seq a message was delivered under ({@code likely} first, then all), or 0 if it was not. */
    private long seqOf(long fingerprint, long likely) {
        if (likely < delivered.length && delivered[(int) likely] == fingerprint) {
            return likely;
        }
        for (int seq = 1; seq < delivered.length; seq++) {
            if (delivered[seq] == fingerprint) {
                return seq;
            }
        }
        return 0;
    }

    /** A 64-bit FNV-1a hash of the side and the clientId; never 0, which marks a seq not delivered. */
    private static long fingerprint(Side side, String clientId) {
        long hash = 0xcbf29ce484222325L ^ side.ordinal();
        for (int i = 0; i < clientId.length(); i++) {
            hash = (hash ^ clientId.charAt(i)) * 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }
}
