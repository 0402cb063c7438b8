package org.helpline.domain;

import java.util.List;
import java.util.Optional;

/** The roles and topics the triage knows, in the order pages list them. Immutable, read from configuration. */
public record TriageVocabulary(List<TriageChoice> roles, List<TriageChoice> topics) {

    public TriageVocabulary {
        roles = List.copyOf(roles);
        topics = List.copyOf(topics);
    }

    public Optional<TriageChoice> role(String id) {
        return find(roles, id);
    }

    public Optional<TriageChoice> topic(String id) {
        return find(topics, id);
    }

    private static Optional<TriageChoice> find(List<TriageChoice> choices, String id) {
        return choices.stream().filter(choice -> choice.id().equals(id)).findFirst();
    }
}
