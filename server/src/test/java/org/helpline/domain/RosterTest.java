package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RosterTest {
    private static Counsellor counsellor(String id) {
        return new Counsellor(id, "Counsellor " + id, "assoc", Set.of("fr"), Set.of(), 1, "hash", false, false);
    }

    @Test
    void findsByIdAndKeepsTheConfiguredOrder() {
        Roster roster = Roster.of(List.of(counsellor("b"), counsellor("a")));
        assertEquals("a", roster.find("a").orElseThrow().id());
        assertTrue(roster.find("c").isEmpty());
        assertEquals(List.of("b", "a"), roster.stream().map(Counsellor::id).toList());
        assertSame(roster, Roster.of(roster));
        assertThrows(UnsupportedOperationException.class, () -> roster.add(counsellor("c")));
    }
}
