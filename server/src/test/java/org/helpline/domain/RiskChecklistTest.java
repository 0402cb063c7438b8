package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskChecklistTest {
    private static final RiskChecklist CHECKLIST = new RiskChecklist(List.of(
            question("strangulation", 3, true),
            question("injured", 2, false),
            question("getting-worse", 2, false),
            question("separation", 2, false),
            question("stalking", 1, false),
            question("control", 1, false)), 4, 7);

    private static RiskQuestion question(String id, int weight, boolean critical) {
        return new RiskQuestion(id, Map.of("en", "Question " + id + "?", "fr", "Question " + id + " ?"), weight,
                critical);
    }

    @Test
    void noYesIsStandard() {
        assertEquals(RiskLevel.STANDARD, CHECKLIST.assess(Map.of()));
        assertEquals(RiskLevel.STANDARD, CHECKLIST.assess(Map.of("injured", false, "strangulation", false)));
    }

    @Test
    void aScoreBelowTheMediumThresholdIsStandard() {
        assertEquals(RiskLevel.STANDARD, CHECKLIST.assess(Map.of("injured", true, "stalking", true)));
    }

    @Test
    void aScoreReachingTheMediumThresholdIsMedium() {
        assertEquals(RiskLevel.MEDIUM, CHECKLIST.assess(Map.of("injured", true, "separation", true)));
        assertEquals(RiskLevel.MEDIUM, CHECKLIST.assess(Map.of("injured", true, "getting-worse", true,
                "stalking", true, "control", false)));
    }

    @Test
    void aScoreReachingTheHighThresholdIsHigh() {
        assertEquals(RiskLevel.HIGH, CHECKLIST.assess(Map.of("injured", true, "getting-worse", true,
                "separation", true, "stalking", true)));
    }

    @Test
    void anyYesToACriticalQuestionIsHighWhateverTheScore() {
        assertEquals(RiskLevel.HIGH, CHECKLIST.assess(Map.of("strangulation", true)));
        assertEquals(RiskLevel.HIGH, CHECKLIST.assess(Map.of("strangulation", true, "injured", false)));
    }

    @Test
    void anUnknownQuestionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CHECKLIST.assess(Map.of("mood", true)));
    }

    @Test
    void answersAreKeptInTheChecklistsOrder() {
        Map<String, Boolean> given = new LinkedHashMap<>();
        given.put("control", true);
        given.put("strangulation", false);
        assertEquals(List.of("strangulation", "control"), List.copyOf(CHECKLIST.ordered(given).keySet()));
    }

    @Test
    void questionsFallBackToEnglishAndThresholdsMustBeOrdered() {
        RiskQuestion question = new RiskQuestion("q", Map.of("en", "Are you safe?"), 1, false);
        assertEquals("Are you safe?", question.text("ar"));
        assertThrows(IllegalArgumentException.class, () -> new RiskChecklist(List.of(question), 5, 5));
        assertThrows(IllegalArgumentException.class, () -> new RiskQuestion("q", Map.of("fr", "Ça va ?"), 1, false));
        assertThrows(IllegalArgumentException.class, () -> new RiskChecklist(List.of(question, question), 1, 2));
    }
}
