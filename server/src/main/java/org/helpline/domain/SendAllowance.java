package org.helpline.domain;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} at once, refilled at {@code perSecond}. One per socket for its frames, one per node
 * for wrong resume codes. Not thread-safe: its owner serialises calls. The clock is a nanosecond supplier so tests
 * can drive it.
 */
public final class SendAllowance {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    public SendAllowance(double perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    public boolean tryTake() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Returns a token taken for an attempt that turned out not to count (at most up to the burst). */
    public void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }
}
