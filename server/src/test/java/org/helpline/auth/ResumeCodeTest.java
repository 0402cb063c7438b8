package org.helpline.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeCodeTest {
    @Test
    void aNewCodeIsEightCrockfordCharactersShownInTwoGroups() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = ResumeCode.generate();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{8}"), code);
            assertTrue(ResumeCode.display(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
            assertEquals(Optional.of(code), ResumeCode.normalise(ResumeCode.display(code)));
            seen.add(code);
        }
        assertTrue(seen.size() > 990, "codes are random: " + seen.size() + " distinct of 1000");
    }

    @Test
    void typingIsForgivingAboutCaseSpacesDashesAndLookAlikeLetters() {
        assertEquals(Optional.of("AB12CD34"), ResumeCode.normalise("ab12-cd34"));
        assertEquals(Optional.of("AB12CD34"), ResumeCode.normalise("  AB12 CD34 "));
        assertEquals(Optional.of("AB12CD34"), ResumeCode.normalise("ab1 2–cd 34"));
        assertEquals(Optional.of("0110ABCD"), ResumeCode.normalise("oIlO-abcd"));
        assertEquals(ResumeCode.digest("AB12CD34"), ResumeCode.digest(ResumeCode.normalise("ab12-cd34").orElseThrow()));
        assertNotEquals(ResumeCode.digest("AB12CD34"), ResumeCode.digest("AB12CD35"));
    }

    @Test
    void whatCannotBeACodeIsRefused() {
        for (String wrong : new String[]{"", "ABC", "AB12CD345", "AB12CD3U", "AB12CD3!", "x".repeat(40), null}) {
            assertEquals(Optional.empty(), ResumeCode.normalise(wrong), String.valueOf(wrong));
        }
    }
}
