package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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
}
