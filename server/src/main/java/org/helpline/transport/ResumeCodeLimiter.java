package org.helpline.transport;

import org.helpline.domain.SendAllowance;

/**
 * One per node: how many wrong resume codes it answers, all visitors together. A look-up takes a token first and
 * gives it back when the code was right (or could not be checked), so only failures count and concurrent guesses
 * cannot overdraw the budget.
 */
final class ResumeCodeLimiter {
    private final SendAllowance budget;

    /** Refilled by elapsed (monotonic) time, so that a step of the wall clock neither empties nor fills it. */
    ResumeCodeLimiter(int failuresPerMinute) {
        this.budget = new SendAllowance(failuresPerMinute / 60.0, failuresPerMinute, System::nanoTime);
    }

    /** False when too many codes failed lately: the look-up must not happen. */
    synchronized boolean tryLookUp() {
        return budget.tryTake();
    }

    /** The look-up does not count against the budget: the code was right, or Redis did not answer. */
    synchronized void refund() {
        budget.giveBack();
    }
}
