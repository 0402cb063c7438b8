package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendAllowanceTest {
    @Test
    void allowsABurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        SendAllowance allowance = new SendAllowance(2, 3, now::get);
        assertTrue(allowance.tryTake());
        assertTrue(allowance.tryTake());
        assertTrue(allowance.tryTake());
        assertFalse(allowance.tryTake());
        now.addAndGet(500_000_000L);
        assertTrue(allowance.tryTake());
        assertFalse(allowance.tryTake());
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(allowance.tryTake());
        }
        assertFalse(allowance.tryTake());
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainButNeverBeyondTheBurst() {
        AtomicLong now = new AtomicLong();
        SendAllowance allowance = new SendAllowance(1, 2, now::get);
        assertTrue(allowance.tryTake());
        assertTrue(allowance.tryTake());
        assertFalse(allowance.tryTake());
        allowance.giveBack();
        assertTrue(allowance.tryTake());
        assertFalse(allowance.tryTake());
        allowance.giveBack();
        allowance.giveBack();
        allowance.giveBack();
        assertTrue(allowance.tryTake());
        assertTrue(allowance.tryTake());
        assertFalse(allowance.tryTake());
    }
}
