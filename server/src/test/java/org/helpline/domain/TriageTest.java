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
    void theVisitorReadsLinesInHerChatLanguageElseHerPagesElseFrench() {
        Triage none = Triage.none();
        Triage english = new Triage(Optional.empty(), Optional.of("en"), Optional.empty(), Optional.empty(), false,
                false);
        assertEquals("en", none.visitorLanguage(Optional.of("en")), "no chat language: her page's");
        assertEquals("fr", none.visitorLanguage(Optional.empty()), "neither: French");
        assertEquals("en", english.visitorLanguage(Optional.of("fr")), "the chat language she chose comes first");
        assertEquals("fr", none.textLanguage(), "staff: the chat language, else French");
        assertEquals("en", english.textLanguage());
    }

    @Test
    void rolesRoundTrip() {
        for (Role role : Role.values()) {
            assertEquals(role, Role.fromWire(role.wireName()).orElseThrow());
        }
        assertEquals(Optional.empty(), Role.fromWire("abuser"));
    }
}
