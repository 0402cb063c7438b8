package org.helpline.load;

/**
 * Events evenly spaced from a first one, on the monotonic clock: the arrivals of a scenario, the messages of one
 * writer. Each is timed from when it was due here, not from when the generator's timer got round to it, so that a
 * late generator (its one event loop busy) adds its delay to what is measured instead of hiding it: coordinated
 * omission through the timer.
 */
record Pace(long firstNanos, double nanosBetween) {
    /** {@code perSecond} events a second, the first due at {@code firstNanos}. */
    static Pace perSecond(long firstNanos, double perSecond) {
        return new Pace(firstNanos, 1e9 / perSecond);
    }

    /** When the event {@code index} (from 0) was due. */
    long due(long index) {
        return firstNanos + (long) (index * nanosBetween);
    }

    /** How many events are due by {@code nowNanos}, at most {@code most}: each of them due at or before it. */
    long dueBy(long nowNanos, long most) {
        return nowNanos < firstNanos ? 0 : Math.min(most, 1 + (long) ((nowNanos - firstNanos) / nanosBetween));
    }
}
