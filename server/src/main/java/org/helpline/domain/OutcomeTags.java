package org.helpline.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome tags counsellors give chats as they end, in groups. They feed anonymous daily counters (how many women,
 * men, children were helped; referrals made; shelter needed...), so each tag id is unique across all groups.
 */
public record OutcomeTags(List<OutcomeTagGroup> groups) {
    public OutcomeTags {
        groups = List.copyOf(groups);
        if (ids(groups).size() != groups.stream().mapToInt(group -> group.tags().size()).sum()) {
            throw new IllegalArgumentException("two outcome tags share an id");
        }
    }

    /** Every tag id, in the order shown. */
    public Set<String> ids() {
        return ids(groups);
    }

    public boolean contains(String tagId) {
        return groups.stream().anyMatch(group -> group.tags().stream().anyMatch(tag -> tag.id().equals(tagId)));
    }

    private static Set<String> ids(List<OutcomeTagGroup> groups) {
        return groups.stream().flatMap(group -> group.tags().stream()).map(OutcomeTag::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
