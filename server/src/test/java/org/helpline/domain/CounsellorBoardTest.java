package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CounsellorBoardTest {
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final Instant WRAP_UP_ENDS = NOW.plusSeconds(30);

    private static ReachableCounsellor reachable(String id, int capacity, int load, boolean wrappingUp) {
        return reachable(id, capacity, load, 0, wrappingUp);
    }

    private static ReachableCounsellor reachable(String id, int capacity, int load, long lastAssignedAt,
                                                 boolean wrappingUp) {
        Counsellor counsellor = new Counsellor(id, "Counsellor " + id, "assoc", Set.of("fr"), Set.of(), capacity,
                "hash", false, false);
        return new ReachableCounsellor(counsellor, load, lastAssignedAt,
                wrappingUp ? WRAP_UP_ENDS : ReachableCounsellor.NO_WRAP_UP);
    }

    @Test
    void aRoundReadsThoseNamedThenThoseWithAPlaceTheBestFirst() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("busier", 3, 2, false),
                reachable("idle-long", 2, 1, 100, false), reachable("idle-short", 2, 1, 200, false),
                reachable("wrapping", 1, 0, true)));
        assertEquals(List.of("idle-long", "idle-short", "busier"), board.toRead(true, NOW));
        assertTrue(board.anyFreePlace(NOW));
        board.name("full");
        board.name("busier");
        assertEquals(2, board.namedCount());
        assertEquals(List.of("full", "busier", "idle-long", "idle-short"), board.toRead(true, NOW));
        assertEquals(0, board.namedCount());
        assertEquals(List.of("idle-long", "idle-short", "busier"), board.toRead(true, NOW), "a name is read once");
        board.name("full");
        assertEquals(List.of("full"), board.toRead(false, NOW), "nobody waits: only the names are read");
    }

    @Test
    void aWrapUpIsReadAgainOnceItHasEnded() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("wrapping", 1, 0, true),
                reachable("wrapping-full", 1, 1, true)));
        assertFalse(board.anyFreePlace(NOW));
        assertEquals(List.of(), board.toRead(true, NOW), "rounds during the wrap-up read nobody");
        assertEquals(Optional.of(WRAP_UP_ENDS), board.nextWrapUpEnd(NOW));
        assertTrue(board.anyFreePlace(WRAP_UP_ENDS), "a wrap-up ends by itself, with no event");
        assertEquals(List.of("wrapping"), board.toRead(true, WRAP_UP_ENDS.minusMillis(100)),
                "a wrap-up about to end is read (one of someone full leaves nobody a place: their end names them)");
        assertEquals(Optional.empty(), board.nextWrapUpEnd(WRAP_UP_ENDS));
        board.readSome(List.of("wrapping"), List.of());
        assertFalse(board.anyFreePlace(WRAP_UP_ENDS));
        assertEquals(Optional.empty(), board.nextWrapUpEnd(NOW));
    }

    @Test
    void aWrapUpWithNoKnownEndWaitsForAnEventAndANameInWrapUpIsNotDropped() {
        CounsellorBoard board = new CounsellorBoard();
        Counsellor endless = new Counsellor("endless", "Endless", "assoc", Set.of("fr"), Set.of(), 1, "hash", false,
                false);
        board.readAll(List.of(new ReachableCounsellor(endless, 0, 0, ReachableCounsellor.UNKNOWN_WRAP_UP_END),
                reachable("wrapping", 1, 0, true)));
        assertEquals(List.of("wrapping"), board.toRead(true, WRAP_UP_ENDS.plusSeconds(3600)),
                "no end known: not read by time");
        assertEquals(Optional.of(WRAP_UP_ENDS), board.nextWrapUpEnd(NOW), "no timer for an end not known");
        board.name("endless");
        assertEquals(List.of("endless"), board.toRead(true, NOW), "an event names them: read");
        assertTrue(board.notRead(List.of("endless", "wrapping"), NOW), "left unread while in wrap-up: named again");
        assertEquals(List.of("endless", "wrapping"), board.toRead(false, NOW));
    }

    @Test
    void namesARoundLeftUnreadAreGivenBackUnlessTheyMayHaveAPlace() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("free", 1, 0, false)));
        board.name("new");
        board.name("full");
        assertEquals(List.of("new", "full", "free"), board.toRead(true, NOW));
        assertTrue(board.notRead(List.of("full", "free"), NOW), "a name unread is given back");
        assertEquals(List.of("full"), board.toRead(false, NOW), "those who may have a place are read anyway");
        assertFalse(board.notRead(List.of("free"), NOW));
        assertEquals(List.of(), board.toRead(false, NOW));
    }

    @Test
    void aReadOfSomeReplacesThemAndDropsThoseNotFound() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("free", 2, 1, false),
                reachable("wrapping", 1, 0, true)));
        board.readSome(Set.of("free", "wrapping"), List.of(reachable("free", 2, 2, false)));
        assertEquals(List.of("full", "free"), board.reachable().stream().map(ReachableCounsellor::id).toList());
        assertFalse(board.anyFreePlace(NOW));
        assertTrue(board.toRead(true, NOW).isEmpty(), "nobody may have a place: a round reads nobody");
        board.name("full");
        List<String> asked = board.toRead(true, NOW);
        board.name("wrapping");
        board.readSome(asked, List.of(reachable("full", 1, 0, false)));
        assertEquals(List.of("wrapping", "full"), board.toRead(true, NOW), "a name given during a read is kept");
        assertTrue(board.anyFreePlace(NOW));
    }

    @Test
    void inWrapUpIsNoFreePlace() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("wrapping", 2, 0, true)));
        assertFalse(board.anyFreePlace(NOW));
        board.readAll(List.of());
        assertTrue(board.reachable().isEmpty());
        assertTrue(board.toRead(true, WRAP_UP_ENDS).isEmpty());
    }
}
