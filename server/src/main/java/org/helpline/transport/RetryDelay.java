package org.helpline.transport;

import java.time.Duration;

/**
 * How long to wait before trying again a Redis read that nothing else would repeat: {@link #FIRST}, then twice as long
 * each time, up to {@link #LAST}.
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

    long millis() {
        return delay.toMillis();
    }
}
