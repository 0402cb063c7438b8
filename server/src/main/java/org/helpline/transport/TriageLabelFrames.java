package org.helpline.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.helpline.domain.TriageChoice;
import org.helpline.domain.TriageVocabulary;

/**
 * The words pages show for the triage's roles and topics ({@code config/triage.yaml}), in the configured order:
 * {@code {"roles": [{"id", "label": {"en": ..., "fr": ...}}], "topics": [...]}}. Staff pages get every choice with its
 * staff label (the console and supervisor {@code welcome}); the visitor page gets only the choices offered to visitors,
 * with their visitor wording ({@code triage} in {@code GET /api/visitor/settings}).
 */
final class TriageLabelFrames {
    private TriageLabelFrames() {
    }

    /** The {@code labels} of a console or supervisor {@code welcome}. */
    static JsonObject staff(TriageVocabulary vocabulary) {
        return new JsonObject()
                .put("roles", labels(vocabulary.roles(), TriageChoice::staff))
                .put("topics", labels(vocabulary.topics(), TriageChoice::staff));
    }

    /** The {@code triage} of the visitor settings. */
    static JsonObject visitor(TriageVocabulary vocabulary) {
        return new JsonObject()
                .put("roles", labels(offered(vocabulary.roles()), TriageChoice::visitor))
                .put("topics", labels(offered(vocabulary.topics()), TriageChoice::visitor));
    }

    private static List<TriageChoice> offered(List<TriageChoice> choices) {
        return choices.stream().filter(TriageChoice::offeredToVisitors).toList();
    }

    private static JsonArray labels(List<TriageChoice> choices, Function<TriageChoice, Map<String, String>> label) {
        return new JsonArray(choices.stream()
                .map(choice -> new JsonObject().put("id", choice.id())
                        .put("label", new JsonObject(new LinkedHashMap<>(label.apply(choice)))))
                .toList());
    }
}
