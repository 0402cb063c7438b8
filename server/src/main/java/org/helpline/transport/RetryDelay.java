package org.helpline.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again a Redis read that nothing else would repeat: {@link #FIRST}, then twice as long
 * each time, up to {@link #LAST}. Each wait is drawn between half the delay and the whole of it, so that the
 * thousands of consoles and feeds a Redis outage failed together do not all try again in the same millisecond.
 */
record RetryDelay(Duration delay) {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LAST = Duration.ofSeconds(30);

    static RetryDelay first() {
        return new RetryDelay(FIRST);
    }

    RetryDelay next() {
        Duration doubled = delay.multipliedBy(2);
        return new RetryDelay(doubled.compareTo(LAST) > 0 ? LAST : doubled);
    }

    /** The wait before the next try: at least half of {@link #delay()}, at most all of it. */
    long millis() {
        long whole = delay.toMillis();
        long half = whole / 2;
        return half + ThreadLocalRandom.current().nextLong(whole - half + 1);
    }
}
