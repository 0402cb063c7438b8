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
 * inherits unless it lists its own. Every mistake names the file and the field. Blocking.
 */
final class CounsellorsLoader {
    static final String FILE = "counsellors.yaml";

    private CounsellorsLoader() {
    }

    static List<Counsellor> load(Path directory, List<Association> associations, TriageVocabulary triage) {
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
            String hash = entry.string("passwordHash");
            if (!hash.startsWith("$pbkdf2$it=")) {
                throw entry.error("passwordHash", "must be a PBKDF2 hash made with 'java -jar "
                        + "server/target/helpline-server.jar hash-password'");
            }
            result.add(new Counsellor(id, entry.string("displayName"), associationId,
                    entry.languages("languages", List.copyOf(association.languages())),
                    TriageLoader.knownTopics(entry, List.copyOf(association.topics()), triage),
                    entry.integer("capacity", association.defaultCapacity(), 1, 50), hash,
                    entry.bool("supervisor", false), entry.bool("demo", false)));
        }
        return result;
    }
}
