package org.helpline.domain;

import java.util.Set;

/**
 * What routing's criteria read of a counsellor ({@link Criterion#matches}): their association, the languages they
 * chat in and the topics they take. Every routing step admits or refuses counsellors of one kind alike (only a
 * decline, by id, tells them apart), so routing checks a step once per kind, not once per counsellor: thousands of
 * consoles are a handful of kinds.
 */
record CounsellorKind(String associationId, Set<String> languages, Set<String> topics) {
    public CounsellorKind {
        languages = Set.copyOf(languages);
        topics = Set.copyOf(topics);
    }

    static CounsellorKind of(Counsellor counsellor) {
        return new CounsellorKind(counsellor.associationId(), counsellor.languages(), counsellor.topics());
    }
}
