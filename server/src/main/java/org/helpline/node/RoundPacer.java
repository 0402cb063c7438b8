package org.helpline.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a node's routing rounds one at a time, and at most one start every {@code gap}: a round asked for while one
 * runs runs once it has ended, and one asked for sooner than {@code gap} after the last one began waits for the gap
 * to pass; however many were asked for meanwhile (an arrival every few milliseconds in a surge), one round serves
 * them all. Elapsed time is read from the JVM's monotonic timer, not from a clock of the day. Event-loop confined.
 */
final class RoundPacer {
    private final Vertx vertx;
    private final long gapNanos;
    /**
     * One round; completes with whether another should follow at once (within the gap). It answers a future and never
     * throws: a round that threw would leave the pacer waiting for it for ever.
     */
    private final Supplier<Future<Boolean>> round;
    private boolean running;
    private boolean again;
    private boolean waitingForGap;
    private long lastStart;

    RoundPacer(Vertx vertx, Duration gap, Supplier<Future<Boolean>> round) {
        this.vertx = vertx;
        this.gapNanos = gap.toNanos();
        this.round = round;
        this.lastStart = System.nanoTime() - gapNanos;
    }

    /** A round should run: now, after the one under way, or once the gap has passed. */
    void request() {
        if (running) {
            again = true;
            return;
        }
        if (waitingForGap) {
            return;
        }
        long since = System.nanoTime() - lastStart;
        if (since < gapNanos) {
            waitingForGap = true;
            vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(gapNanos - since + 999_999)), id -> {
                waitingForGap = false;
                request();
            });
            return;
        }
        running = true;
        lastStart = System.nanoTime();
        round.get().onComplete(outcome -> {
            running = false;
            if (again || outcome.succeeded() && outcome.result()) {
                again = false;
                request();
            }
        });
    }
}
