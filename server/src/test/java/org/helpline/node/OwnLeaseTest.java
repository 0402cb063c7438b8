package org.helpline.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A node's own lease as its renewals tell it (times in ms, a 30 s lease renewed every 10 s). */
class OwnLeaseTest {
    private static final long LEASE = 30_000;

    @Test
    void theFirstRenewalFindsNoLeaseAndTellsNobodyButJudgesNoOtherNodeForALease() {
        OwnLease lease = new OwnLease(LEASE);
        assertFalse(lease.mayJudgeOthers(0), "nothing renewed yet");
        assertFalse(lease.renewed(0, 5, true), "its start: no socket to tell");
        assertFalse(lease.mayJudgeOthers(LEASE), "within a lease of its start");
        assertTrue(lease.mayJudgeOthers(LEASE + 5));
    }

    @Test
    void renewalsInTimeTellNothing() {
        OwnLease lease = new OwnLease(LEASE);
        lease.renewed(0, 5, true);
        for (long at = 10_000; at <= 100_000; at += 10_000) {
            assertFalse(lease.renewed(at, at + 5, false));
        }
        assertTrue(lease.mayJudgeOthers(100_010));
    }

    @Test
    void aLapseRedisReportsWhileTheNodeRunsIsTold() {
        OwnLease lease = new OwnLease(LEASE);
        lease.renewed(0, 5, true);
        lease.renewed(10_000, 10_005, false);
        assertTrue(lease.renewed(20_000, 20_005, true));
        assertFalse(lease.mayJudgeOthers(20_005 + LEASE - 1), "every live node renews first");
    }

    @Test
    void aLapseWhoseReplyWasLostIsToldFromTheTimeBetweenTwoRenewalsThatSucceeded() {
        OwnLease lease = new OwnLease(LEASE);
        lease.renewed(0, 5, true);
        lease.renewed(10_000, 10_005, false);
        for (long at = 20_000; at <= 50_000; at += 10_000) {
            lease.failed(); // timed out: Redis ran the first of them once the cut healed, and found no lease
        }
        assertFalse(lease.mayJudgeOthers(55_000), "not while its own renewals fail");
        assertTrue(lease.renewed(60_000, 60_005, false), "more than a lease since the last that succeeded was sent");
        assertFalse(lease.mayJudgeOthers(60_005 + LEASE - 1));
    }

    @Test
    void aSlowReplyWithinTheLeaseIsNoLapse() {
        OwnLease lease = new OwnLease(LEASE);
        lease.renewed(0, 5, true);
        lease.renewed(10_000, 10_005, false);
        assertFalse(lease.renewed(20_000, 39_000, false), "29 s after the send of the one before");
    }
}
