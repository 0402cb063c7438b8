package org.helpline.domain;

import java.util.Map;
import java.util.Optional;

/**
 * One question of the risk checklist. A "yes" adds its {@code weight} to the score; a "yes" to a {@code critical}
 * question (strangulation, threats to kill, a weapon...) makes the level high whatever the score.
 *
 * @param texts the question by language code; English ({@code en}) is always present
 */
public record RiskQuestion(String id, Map<String, String> texts, int weight, boolean critical) {
    public RiskQuestion {
        texts = Map.copyOf(texts);
        if (!texts.containsKey("en")) {
            throw new IllegalArgumentException("a risk question needs an English text");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("a risk question's weight cannot be negative");
        }
    }

    /** The question in this language, else in English. */
    public String text(String language) {
        return Optional.ofNullable(texts.get(language)).orElse(texts.get("en"));
    }
}
