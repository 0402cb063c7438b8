package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.helpline.domain.TriageChoice;
import org.helpline.domain.TriageVocabulary;
import org.junit.jupiter.api.Test;

class TriageLabelFramesTest {
    private static final TriageVocabulary VOCABULARY = new TriageVocabulary(
            List.of(new TriageChoice("witness", Map.of("en", "Witness", "fr", "Témoin"),
                            Map.of("en", "I have witnessed violence", "fr", "J’ai été témoin de violences")),
                    new TriageChoice("victim", Map.of("en", "Victim", "fr", "Victime"),
                            Map.of("en", "I am experiencing violence", "fr", "Je subis des violences"))),
            List.of(new TriageChoice("shelter", Map.of("en", "Shelter", "fr", "Mise à l’abri"),
                            Map.of("en", "A safe place to stay", "fr", "Un endroit sûr où dormir")),
                    new TriageChoice("perpetrator-support",
                            Map.of("en", "Perpetrator support", "fr", "Accompagnement des auteurs"), Map.of()),
                    new TriageChoice("physical", Map.of("en", "Physical violence", "fr", "Violences physiques"),
                            Map.of("en", "Physical violence", "fr", "Violences physiques"))));

    @Test
    void staffPagesGetEveryChoiceWithItsStaffLabelInTheConfiguredOrder() {
        JsonObject labels = TriageLabelFrames.staff(VOCABULARY);

        assertEquals(new JsonArray()
                .add(choice("witness", "Witness", "Témoin"))
                .add(choice("victim", "Victim", "Victime")), labels.getJsonArray("roles"));
        assertEquals(new JsonArray()
                .add(choice("shelter", "Shelter", "Mise à l’abri"))
                .add(choice("perpetrator-support", "Perpetrator support", "Accompagnement des auteurs"))
                .add(choice("physical", "Physical violence", "Violences physiques")), labels.getJsonArray("topics"));
    }

    @Test
    void theVisitorPageGetsOnlyTheChoicesOfferedToVisitorsInTheirOwnWords() {
        JsonObject triage = new JsonObject(TriageLabelFrames.visitor(VOCABULARY).encode());

        assertEquals(new JsonArray()
                .add(choice("witness", "I have witnessed violence", "J’ai été témoin de violences"))
                .add(choice("victim", "I am experiencing violence", "Je subis des violences")),
                triage.getJsonArray("roles"));
        assertEquals(new JsonArray()
                .add(choice("shelter", "A safe place to stay", "Un endroit sûr où dormir"))
                .add(choice("physical", "Physical violence", "Violences physiques")), triage.getJsonArray("topics"));
    }

    private static JsonObject choice(String id, String english, String french) {
        return new JsonObject().put("id", id).put("label", new JsonObject().put("en", english).put("fr", french));
    }
}
