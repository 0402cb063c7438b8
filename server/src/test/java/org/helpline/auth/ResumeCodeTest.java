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
    void aNewCodeIsTwelveCrockfordCharactersShownInThreeGroups() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = ResumeCode.generate();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{12}"), code);
            String group = "[0-9A-HJKMNP-TV-Z]{4}";
            assertTrue(ResumeCode.display(code).matches(group + "-" + group + "-" + group));
            assertEquals(Optional.of(code), ResumeCode.normalise(ResumeCode.display(code)));
            seen.add(code);
        }
        assertTrue(seen.size() > 990, "codes are random: " + seen.size() + " distinct of 1000");
    }

    @Test
    void typingIsForgivingAboutCaseSpacesDashesAndLookAlikeLetters() {
        assertEquals(Optional.of("AB12CD34EF56"), ResumeCode.normalise("ab12-cd34-ef56"));
        assertEquals(Optional.of("AB12CD34EF56"), ResumeCode.normalise("  AB12 CD34 EF56 "));
        assertEquals(Optional.of("AB12CD34EF56"), ResumeCode.normalise("ab1 2–cd 34-ef 56"));
        assertEquals(Optional.of("0110ABCD0110"), ResumeCode.normalise("oIlO-abcd-OIlo"));
        assertEquals(ResumeCode.digest("AB12CD34EF56"),
                ResumeCode.digest(ResumeCode.normalise("ab12-cd34-ef56").orElseThrow()));
        assertNotEquals(ResumeCode.digest("AB12CD34EF56"), ResumeCode.digest("AB12CD34EF57"));
    }

    @Test
    void whatCannotBeACodeIsRefused() {
        for (String wrong : new String[]{"", "ABC", "AB12CD34EF5", "AB12CD34EF567", "AB12CD34EF5U", "AB12CD34EF5!",
                "x".repeat(40), null}) {
            assertEquals(Optional.empty(), ResumeCode.normalise(wrong), String.valueOf(wrong));
        }
    }
}
