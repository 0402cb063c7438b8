package org.helpline.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.TriageVocabulary;

/**
 * Reads {@code counsellors.yaml}: the accounts, each of a listed association whose languages, topics and capacity it
 * inherits unless it lists its own (a list it gives may not be empty: such a counsellor would match no visitor who
 * gave a language or a topic), and its password hash, checked whole ({@link PasswordHash}). Every mistake names the
 * file and the field. Blocking.
 */
final class CounsellorsLoader {
    static final String FILE = "counsellors.yaml";

    private CounsellorsLoader() {
    }

    /** {@code minimumIterations}: the {@code sessions.passwordIterations} every hash must reach. */
    static List<Counsellor> load(Path directory, List<Association> associations, TriageVocabulary triage,
                                 int minimumIterations) {
        ConfigSection file = ConfigSection.read(directory, FILE);
        file.allowOnly("counsellors");
        List<Counsellor> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : file.sections("counsellors")) {
            entry.allowOnly("id", "displayName", "association", "languages", "topics", "capacity", "passwordHash",
                    "supervisor", "demo");
            String id = entry.uniqueId("id", ids);
            String associationId = entry.string("association");
            Association association = associations.stream().filter(a -> a.id().equals(associationId)).findFirst()
                    .orElseThrow(() -> entry.error("association", "'" + associationId
                            + "' is not an association listed in " + AssociationsLoader.FILE));
            Set<String> languages = entry.languages("languages", List.copyOf(association.languages()));
            if (languages.isEmpty()) {
                throw entry.error("languages", "must list at least one language (leave the field out to take "
                        + "the association's)");
            }
            Set<String> topics = TriageLoader.knownTopics(entry, List.copyOf(association.topics()), triage);
            if (topics.isEmpty()) {
                throw entry.error("topics", "must list at least one topic (leave the field out to take the "
                        + "association's)");
            }
            int capacity = entry.integer("capacity", association.defaultCapacity(), 1, 50);
            String hash = PasswordHash.read(entry, "passwordHash", minimumIterations);
            result.add(new Counsellor(id, entry.string("displayName"), associationId, languages, topics, capacity,
                    hash, entry.bool("supervisor", false), entry.bool("demo", false)));
        }
        return result;
    }
}
