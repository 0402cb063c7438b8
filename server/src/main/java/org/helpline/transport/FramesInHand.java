package org.helpline.transport;

import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames one kind of socket (visitors, consoles or supervisors) has a node handling at once, most of them waiting
 * for Redis, bounded by {@code limits.framesHandledPerNode}: past it a frame is answered {@code unavailable} at once
 * and nothing is done, so that a slow Redis cannot make a node hold frames until its heap runs out (performance.md,
 * "A node that ran out of heap"), and a flood on one kind of socket leaves the others their own share. A socket gives
 * back on closing what it still holds, so a frame whose handling never ends does not keep its place for ever.
 */
final class FramesInHand {
    private static final Logger LOG = LoggerFactory.getLogger(FramesInHand.class);
    private final int limit;
    /** The warning of a refusal, made once: refusals come by the thousand a second. */
    private final String refusal;
    private final AtomicInteger held = new AtomicInteger();

    /** {@code kind}: whose frames, for the log ("Visitor frames"). */
    FramesInHand(String kind, int limit) {
        this.limit = limit;
        this.refusal = kind + ": answered unavailable, " + limit + " already in hand";
    }

    /** Takes a place for one frame, or says there is none (logged at most once in 10 s, with the count). */
    boolean tryTake() {
        if (held.incrementAndGet() <= limit) {
            return true;
        }
        held.decrementAndGet();
        FailureLog.warnAWhile(LOG, refusal);
        return false;
    }

    void giveBack(int frames) {
        held.addAndGet(-frames);
    }

    int held() {
        return held.get();
    }
}
