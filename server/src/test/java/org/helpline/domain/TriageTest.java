package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriageTest {
    @Test
    void acceptsShortCodes() {
        Triage triage = new Triage(Optional.of(Role.WITNESS), Optional.of("fr"), Optional.of("59"),
                Optional.of("legal-advice"), true, false);
        assertEquals("witness", triage.role().orElseThrow().wireName());
    }

    @Test
    void refusesFreeTextWhereACodeIsExpected() {
        Triage.InvalidTriage error = assertThrows(Triage.InvalidTriage.class, () -> new Triage(Optional.empty(),
                Optional.empty(), Optional.of("12 rue de la Paix, Lille"), Optional.empty(), false, false));
        assertEquals("region", error.field());
        assertThrows(Triage.InvalidTriage.class, () -> new Triage(Optional.empty(), Optional.of("French"),
                Optional.empty(), Optional.empty(), false, false));
    }

    @Test
    void rolesRoundTrip() {
        for (Role role : Role.values()) {
            assertEquals(role, Role.fromWire(role.wireName()).orElseThrow());
        }
        assertEquals(Optional.empty(), Role.fromWire("abuser"));
    }
}
