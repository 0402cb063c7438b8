package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CounsellorBoardTest {
    private static ReachableCounsellor reachable(String id, int capacity, int load, boolean wrappingUp) {
        return reachable(id, capacity, load, 0, wrappingUp);
    }

    private static ReachableCounsellor reachable(String id, int capacity, int load, long lastAssignedAt,
                                                 boolean wrappingUp) {
        Counsellor counsellor = new Counsellor(id, "Counsellor " + id, "assoc", Set.of("fr"), Set.of(), capacity,
                "hash", false, false);
        return new ReachableCounsellor(counsellor, load, lastAssignedAt, wrappingUp);
    }

    @Test
    void aRoundReadsThoseNamedThenThoseWithAPlaceOrInWrapUpTheBestFirst() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("busier", 3, 2, false),
                reachable("idle-long", 2, 1, 100, false), reachable("idle-short", 2, 1, 200, false),
                reachable("wrapping", 1, 0, true)));
        assertEquals(List.of("wrapping", "idle-long", "idle-short", "busier"), board.toRead(true));
        assertTrue(board.anyFreePlace());
        board.name("full");
        board.name("busier");
        assertEquals(2, board.namedCount());
        assertEquals(List.of("full", "busier", "wrapping", "idle-long", "idle-short"), board.toRead(true));
        assertEquals(0, board.namedCount());
        assertEquals(List.of("wrapping", "idle-long", "idle-short", "busier"), board.toRead(true),
                "a name is read once");
        board.name("full");
        assertEquals(List.of("full"), board.toRead(false), "nobody waits: only the names are read");
    }

    @Test
    void aWrapUpMayHaveEndedSinceItWasRead() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("wrapping", 1, 0, true)));
        assertFalse(board.anyFreePlace());
        assertTrue(board.anyMayHavePlace(), "a wrap-up ends by itself, with no event");
        board.readSome(List.of("wrapping"), List.of());
        assertFalse(board.anyMayHavePlace());
    }

    @Test
    void namesARoundLeftUnreadAreGivenBackUnlessTheyMayHaveAPlace() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("free", 1, 0, false)));
        board.name("new");
        board.name("full");
        assertEquals(List.of("new", "full", "free"), board.toRead(true));
        assertTrue(board.notRead(List.of("full", "free")), "a name unread is given back");
        assertEquals(List.of("full"), board.toRead(false), "those who may have a place are read anyway");
        assertFalse(board.notRead(List.of("free")));
        assertEquals(List.of(), board.toRead(false));
    }

    @Test
    void aReadOfSomeReplacesThemAndDropsThoseNotFound() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("full", 1, 1, false), reachable("free", 2, 1, false),
                reachable("wrapping", 1, 0, true)));
        board.readSome(Set.of("free", "wrapping"), List.of(reachable("free", 2, 2, false)));
        assertEquals(List.of("full", "free"), board.reachable().stream().map(ReachableCounsellor::id).toList());
        assertFalse(board.anyFreePlace());
        assertTrue(board.toRead(true).isEmpty(), "nobody may have a place: a round reads nobody");
        board.name("full");
        List<String> asked = board.toRead(true);
        board.name("wrapping");
        board.readSome(asked, List.of(reachable("full", 1, 0, false)));
        assertEquals(List.of("wrapping", "full"), board.toRead(true), "a name given during a read is kept");
        assertTrue(board.anyFreePlace());
    }

    @Test
    void inWrapUpIsNoFreePlace() {
        CounsellorBoard board = new CounsellorBoard();
        board.readAll(List.of(reachable("wrapping", 2, 0, true)));
        assertFalse(board.anyFreePlace());
        board.readAll(List.of());
        assertTrue(board.reachable().isEmpty());
        assertTrue(board.toRead(true).isEmpty());
    }
}
