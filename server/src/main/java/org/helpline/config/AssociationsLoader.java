package org.helpline.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.helpline.domain.Association;
import org.helpline.domain.DayCounts;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.StatisticsReport;
import org.helpline.domain.TriageVocabulary;

/**
 * Reads {@code associations.yaml}: the partner associations, their topics (of the triage vocabulary), regions,
 * languages, opening hours, capacity and routing mode. Every mistake names the file and the field. Topics are
 * required, and topics, regions and languages may not be empty lists: its counsellors (who inherit its topics and
 * languages) would match no visitor who gave one, and get chats only at the policy's last step. Blocking.
 */
final class AssociationsLoader {
    static final String FILE = "associations.yaml";
    private static final Set<String> RESERVED_IDS = Set.of(StatisticsReport.ALL, DayCounts.NONE);

    private AssociationsLoader() {
    }

    static List<Association> load(Path directory, TriageVocabulary triage) {
        ConfigSection file = ConfigSection.read(directory, FILE);
        file.allowOnly("associations");
        List<Association> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : file.sections("associations")) {
            entry.allowOnly("id", "name", "topics", "regions", "languages", "openingHours", "defaultCapacity",
                    "routingMode", "allowPick");
            String id = entry.uniqueId("id", ids);
            if (RESERVED_IDS.contains(id)) {
                throw entry.error("id", "'" + id + "' is reserved: the statistics export names the whole network '"
                        + StatisticsReport.ALL + "' and the chats nobody answered '" + DayCounts.NONE + "'");
            }
            String mode = entry.string("routingMode", "offer");
            RoutingMode routingMode = RoutingMode.fromWire(mode)
                    .orElseThrow(() -> entry.error("routingMode", "must be offer or direct, got '" + mode + "'"));
            Set<String> regions = entry.regions("regions", List.of(Association.NATIONAL));
            String name = entry.string("name");
            Set<String> topics = TriageLoader.knownTopics(entry, List.of(), triage);
            Set<String> languages = entry.languages("languages", List.of("fr"));
            Association association = new Association(id, name, topics, regions, languages,
                    OpeningHoursReader.read(entry, "openingHours"), entry.integer("defaultCapacity", 3, 1, 50),
                    routingMode, entry.bool("allowPick", false));
            if (topics.isEmpty()) {
                throw entry.error("topics", "must list the topics of " + TriageLoader.FILE + " its counsellors take "
                        + "(they inherit them; with none they would match no visitor who chose a topic)");
            }
            if (regions.isEmpty()) {
                throw entry.error("regions", "must list at least one region, or national (leave the field out for "
                        + "national)");
            }
            if (languages.isEmpty()) {
                throw entry.error("languages", "must list at least one language (leave the field out for fr)");
            }
            result.add(association);
        }
        if (result.isEmpty()) {
            throw new ConfigException(file.file(), "associations", "must list at least one association");
        }
        return result;
    }
}
