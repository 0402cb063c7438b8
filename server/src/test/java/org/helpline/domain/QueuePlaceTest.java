package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueuePlaceTest {
    private static final Instant TOLD_AT = Instant.parse("2026-12-03T09:00:00Z");
    private static final Instant SECOND_LATER = TOLD_AT.plusSeconds(1);
    private static final Instant JUST_BEFORE_DUE = TOLD_AT.plus(QueuePlace.FAR_EVERY).minusMillis(1);
    private static final Instant DUE = TOLD_AT.plus(QueuePlace.FAR_EVERY);

    private static QueuePlace at(long position) {
        return new QueuePlace(position, position * 60, true);
    }

    @Test
    void aFirstPlaceIsToldWhereverItIs() {
        assertTrue(at(1).worthTelling(null, null, TOLD_AT));
        assertTrue(at(12_000).worthTelling(null, null, TOLD_AT));
    }

    @Test
    void thePlaceAlreadyToldIsNotToldAgain() {
        assertFalse(at(3).worthTelling(at(3), TOLD_AT, DUE));
        assertFalse(at(5_000).worthTelling(at(5_000), TOLD_AT, DUE));
    }

    @Test
    void nearTheFrontEveryChangeIsToldAtOnce() {
        assertTrue(at(99).worthTelling(at(100), TOLD_AT, SECOND_LATER));
        assertTrue(at(100).worthTelling(at(101), TOLD_AT, SECOND_LATER), "reaching the first hundred");
        assertTrue(at(101).worthTelling(at(100), TOLD_AT, SECOND_LATER), "pushed back out of the first hundred");
        assertTrue(new QueuePlace(40, 300L, true).worthTelling(new QueuePlace(40, 240L, true), TOLD_AT, SECOND_LATER),
                "a new estimate");
    }

    @Test
    void farBackAChangeWaitsUntilTheLastNoticeIsOldEnough() {
        assertFalse(at(4_999).worthTelling(at(5_000), TOLD_AT, SECOND_LATER));
        assertFalse(at(4_990).worthTelling(at(5_000), TOLD_AT, JUST_BEFORE_DUE));
        assertTrue(at(4_990).worthTelling(at(5_000), TOLD_AT, DUE));
        assertFalse(at(5_050).worthTelling(at(5_000), TOLD_AT, SECOND_LATER), "pushed back by chats in danger");
    }

    @Test
    void whetherACounsellorIsOnlineIsToldAtOnceEvenFarBack() {
        QueuePlace nobody = new QueuePlace(5_000, null, false);
        assertTrue(nobody.worthTelling(at(5_000), TOLD_AT, SECOND_LATER));
        assertTrue(at(5_000).worthTelling(nobody, TOLD_AT, SECOND_LATER));
    }

    @Test
    void noEstimateWhileNobodyIsOnlineOrNobodyOpenMayAnswerHer() {
        assertEquals(180L, QueuePlace.of(3, 15, true, Optional.empty()).estimatedWaitSeconds());
        assertEquals(180L, QueuePlace.of(3, 15, true, Optional.of(OverflowReason.NO_COUNSELLOR))
                .estimatedWaitSeconds(), "busy, not closed: the pace still tells");
        assertEquals(180L, QueuePlace.of(3, 15, true, Optional.of(OverflowReason.LONG_WAIT)).estimatedWaitSeconds());
        assertNull(QueuePlace.of(3, 15, true, Optional.of(OverflowReason.CLOSED)).estimatedWaitSeconds());
        assertNull(QueuePlace.of(3, 15, false, Optional.empty()).estimatedWaitSeconds());
        assertNull(QueuePlace.of(3, 0, true, Optional.empty()).estimatedWaitSeconds(), "no pace yet");
    }
}
