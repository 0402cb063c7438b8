package org.helpline.config;

import java.time.Duration;

/**
 * Password guessing: an account may fail {@code freeFailures} times in a row, then each further failure doubles the
 * wait before the next attempt (1 s, 2 s, 4 s...) up to {@code maxDelay}; failures are forgotten {@code memory}
 * after the last one, or at a successful login. At most {@code pendingChecks} password checks wait for or run on a
 * node's hash workers; beyond that a login is answered busy.
 */
public record LoginSettings(int freeFailures, Duration maxDelay, Duration memory, int pendingChecks) {
}
