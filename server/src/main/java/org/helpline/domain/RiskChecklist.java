package org.helpline.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structured risk checklist (after the DASH checklist of UK police forces and the French "grille d'évaluation du
 * danger") and how its answers give a level: any "yes" to a critical question, or a score of at least
 * {@code highScore}, is high; a score of at least {@code mediumScore} is medium; anything else is standard. The level
 * supports the counsellor's judgement; it does not replace it.
 */
public record RiskChecklist(List<RiskQuestion> questions, int mediumScore, int highScore) {
    public RiskChecklist {
        questions = List.copyOf(questions);
        if (mediumScore < 1 || highScore <= mediumScore) {
            throw new IllegalArgumentException("the thresholds must satisfy 1 <= medium < high");
        }
        if (questions.stream().map(RiskQuestion::id).distinct().count() != questions.size()) {
            throw new IllegalArgumentException("two risk questions share an id");
        }
    }

    public Optional<RiskQuestion> question(String id) {
        return questions.stream().filter(question -> question.id().equals(id)).findFirst();
    }

    /** The level these answers give; unanswered questions count as "no". Every id must be a question's. */
    public RiskLevel assess(Map<String, Boolean> answers) {
        int score = 0;
        boolean critical = false;
        for (Map.Entry<String, Boolean> answer : answers.entrySet()) {
            RiskQuestion question = question(answer.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("no risk question has the id " + answer.getKey()));
            if (Boolean.TRUE.equals(answer.getValue())) {
                score += question.weight();
                critical |= question.critical();
            }
        }
        if (critical || score >= highScore) {
            return RiskLevel.HIGH;
        }
        return score >= mediumScore ? RiskLevel.MEDIUM : RiskLevel.STANDARD;
    }

    /** The answers in the checklist's order, keeping only the questions answered. */
    public Map<String, Boolean> ordered(Map<String, Boolean> answers) {
        Map<String, Boolean> ordered = new LinkedHashMap<>();
        for (RiskQuestion question : questions) {
            Boolean answer = answers.get(question.id());
            if (answer != null) {
                ordered.put(question.id(), answer);
            }
        }
        return ordered;
    }
}
