package org.helpline.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured window of a drive of the bare relay, on the generator's monotonic clock: a message delivered in it
 * counts as relayed (the messages the relay's CPU of the window is divided by), and one due to be sent in it is timed
 * (from then); the messages of the warm-up before it, and of the handshakes, are neither. Opened and closed once.
 */
final class RelayWindow {
    private final AtomicLong relayed = new AtomicLong();
    private volatile long from = Long.MAX_VALUE;
    private volatile long to = Long.MAX_VALUE;

    void open(long nanos) {
        from = nanos;
    }

    void close(long nanos) {
        to = nanos;
    }

    /** A message due at {@code dueNanos} (its send), delivered to the other side at {@code nowNanos}. */
    void delivered(long dueNanos, long nowNanos, Latency latency) {
        if (nowNanos >= from && nowNanos < to) {
            relayed.incrementAndGet();
        }
        if (dueNanos >= from && dueNanos < to) {
            latency.record(nowNanos - dueNanos);
        }
    }

    /** The messages delivered in the window. */
    long relayed() {
        return relayed.get();
    }

    /** How long the window was open; 0 until it is closed. */
    double seconds() {
        return to == Long.MAX_VALUE || from == Long.MAX_VALUE ? 0 : (to - from) / 1e9;
    }
}
