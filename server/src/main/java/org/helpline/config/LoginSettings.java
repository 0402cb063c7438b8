package org.helpline.config;

import java.time.Duration;

/**
 * Password guessing: an account may fail {@code freeFailures} times in a row, a client key (all accounts together)
 * {@code freeFailuresPerClient} times, then each further failure of that account or client doubles its wait before
 * the next attempt (1 s, 2 s, 4 s...) up to {@code maxDelay}; failures are forgotten {@code memory} after the last
 * one (an account's also at a successful login). At most {@code pendingChecks} password checks wait for or run on a
 * node's hash workers; beyond that a login is answered busy.
 */
public record LoginSettings(int freeFailures, int freeFailuresPerClient, Duration maxDelay, Duration memory,
                            int pendingChecks) {
}
