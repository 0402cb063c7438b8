package org.helpline.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles and topics the triage knows, in the order pages list them, and the topic a role's chats are routed by when
 * the visitor chose none (a person who wants to stop their violence reaches the perpetrator programme). Immutable,
 * read from configuration.
 */
public record TriageVocabulary(List<TriageChoice> roles, List<TriageChoice> topics, Map<Role, String> roleTopics) {

    public TriageVocabulary {
        roles = List.copyOf(roles);
        topics = List.copyOf(topics);
        roleTopics = Map.copyOf(roleTopics);
    }

    public TriageVocabulary(List<TriageChoice> roles, List<TriageChoice> topics) {
        this(roles, topics, Map.of());
    }

    public Optional<TriageChoice> role(String id) {
        return find(roles, id);
    }

    public Optional<TriageChoice> topic(String id) {
        return find(topics, id);
    }

    /**
     * The triage as it is queued and routed: with its role's topic when the visitor chose no topic. A topic this
     * vocabulary does not list (a page from before a change of triage.yaml, or a script) is taken as none chosen:
     * her chat starts and is routed as any other, and staff and statistics see only topics they have words for.
     */
    public Triage routed(Triage triage) {
        Optional<String> topic = triage.topic().filter(id -> topic(id).isPresent())
                .or(() -> triage.role().map(roleTopics::get));
        return topic.equals(triage.topic()) ? triage : new Triage(triage.role(), triage.language(), triage.region(),
                topic, triage.childrenInvolved(), triage.inDanger());
    }

    private static Optional<TriageChoice> find(List<TriageChoice> choices, String id) {
        return choices.stream().filter(choice -> choice.id().equals(id)).findFirst();
    }
}
