package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.domain.CannedReply;
import org.helpline.domain.RiskLevel;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** console.yaml: the shipped file loads; each kind of mistake names the file and the field. */
class ConsoleSettingsLoaderTest {
    private static final String QUESTIONS = "riskChecklist:\n  questions:\n    - id: q1\n      text: {en: \"Safe?\"}\n";
    private static final String TAGS = "outcomeTags:\n  - id: helped\n    label: Who\n    tags:\n"
            + "      - {id: woman, label: A woman}\n";

    @TempDir
    Path directory;

    private void write(String console) throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("console.yaml"), console);
    }

    private String refused(String console) throws IOException {
        write(console);
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("console.yaml"), error.getMessage());
        return error.getMessage();
    }

    @Test
    void theShippedConsoleSettingsLoad() {
        ConsoleSettings console = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of()).console();
        var cidff = console.cannedReplies().forAssociation("cidff-nord");
        assertTrue(cidff.get("fr").stream().map(CannedReply::id).toList().containsAll(
                List.of("opening", "safe-now", "helpline-3919", "quick-exit", "closing",
                        "legal-information")));
        assertTrue(cidff.get("en").stream().anyMatch(reply -> reply.text().contains("999")));
        assertFalse(console.cannedReplies().forAssociation("uk-helpline-chat").get("fr").stream()
                .anyMatch(reply -> reply.id().equals("legal-information")), "another association's own reply");
        assertTrue(console.riskChecklist().questions().stream().allMatch(q -> q.texts().containsKey("fr")));
        assertEquals(RiskLevel.HIGH, console.riskChecklist().assess(Map.of("strangulation", true)));
        assertEquals(RiskLevel.STANDARD, console.riskChecklist().assess(Map.of("stalking", true)));
        assertTrue(console.outcomeTags().ids().containsAll(List.of("woman", "man", "child",
                "referral-police", "referral-shelter", "shelter-needed", "information-only")));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        write("");
        Files.delete(directory.resolve("console.yaml"));
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("console.yaml: (file): is missing"), error.getMessage());
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        assertTrue(refused(QUESTIONS + TAGS + "cannedReply: {}\n").contains("cannedReply"));
        assertTrue(refused(QUESTIONS.replace("      text:", "      critcal: true\n      text:") + TAGS)
                .contains("riskChecklist.questions[0].critcal"));
    }

    @Test
    void cannedReplyMistakesNameTheField() throws IOException {
        String base = QUESTIONS + TAGS;
        assertTrue(refused(base + "cannedReplies:\n  associations:\n    nowhere:\n      fr: []\n")
                .contains("cannedReplies.associations.nowhere"));
        assertTrue(refused(base + "cannedReplies:\n  network:\n    French:\n      - {id: a, title: A, text: B}\n")
                .contains("cannedReplies.network.French"));
        assertTrue(refused(base + "cannedReplies:\n  network:\n    fr:\n      - {id: a, title: A}\n")
                .contains("cannedReplies.network.fr[0].text"));
        assertTrue(refused(base + "cannedReplies:\n  network:\n    fr:\n      - {id: a, title: A, text: B}\n"
                + "      - {id: a, title: C, text: D}\n").contains("cannedReplies.network.fr[1].id"));
        String longText = "x".repeat(4001);
        assertTrue(refused(base + "cannedReplies:\n  network:\n    en:\n      - {id: a, title: A, text: " + longText
                + "}\n").contains("cannedReplies.network.en[0].text: must have at most 4000 characters"));
    }

    @Test
    void riskChecklistMistakesNameTheField() throws IOException {
        assertTrue(refused("riskChecklist:\n  questions: []\n" + TAGS).contains("riskChecklist.questions"));
        assertTrue(refused(QUESTIONS.replace("{en: \"Safe?\"}", "{fr: \"En sécurité ?\"}") + TAGS)
                .contains("riskChecklist.questions[0].text.en"));
        assertTrue(refused(QUESTIONS.replace("      text:", "      weight: heavy\n      text:") + TAGS)
                .contains("riskChecklist.questions[0].weight"));
        assertTrue(refused(QUESTIONS.replace("  questions:", "  thresholds: {medium: 8, high: 8}\n  questions:")
                + TAGS).contains("riskChecklist.thresholds.high"));
        assertTrue(refused(QUESTIONS + "    - id: q1\n      text: {en: Again}\n" + TAGS)
                .contains("riskChecklist.questions[1].id"));
    }

    @Test
    void outcomeTagMistakesNameTheField() throws IOException {
        assertTrue(refused(QUESTIONS).contains("outcomeTags"));
        assertTrue(refused(QUESTIONS + TAGS + "  - id: again\n    label: Again\n    tags:\n"
                + "      - {id: woman, label: Twice}\n").contains("outcomeTags[1].tags[0].id"));
        assertTrue(refused(QUESTIONS + TAGS.replace("{id: woman", "{id: Woman")).contains("outcomeTags[0].tags[0].id"));
        assertTrue(refused(QUESTIONS + "outcomeTags:\n  - id: helped\n    label: Who\n    tags: []\n")
                .contains("outcomeTags[0].tags"));
    }

    @Test
    void wrapUpAndAwayReasonMistakesNameTheField() throws IOException {
        String base = QUESTIONS + TAGS;
        assertTrue(refused(base + "wrapUpSeconds: 601\n").contains("wrapUpSeconds"));
        assertTrue(refused(base + "wrapUpSeconds: -1\n").contains("wrapUpSeconds"));
        assertTrue(refused(base + "awayReasons:\n  - {id: break, label: Break}\n  - {id: break, label: Again}\n")
                .contains("awayReasons[1].id"));
        assertTrue(refused(base + "awayReasons:\n  - {id: Lunch, label: Lunch}\n").contains("awayReasons[0].id"));
        assertTrue(refused(base + "awayReasons:\n  - {id: lunch}\n").contains("awayReasons[0].label"));
        write(base);
        ConsoleSettings none = ConfigLoader.load(directory, Map.of()).console();
        assertEquals(Duration.ofSeconds(30), none.wrapUp(), "the default wrap-up");
        assertTrue(none.awayReasons().isEmpty());
        ConsoleSettings shipped = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of()).console();
        assertEquals("Training", shipped.awayReason("training").orElseThrow().label());
    }
}
