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
 * languages, opening hours, capacity and routing mode. Every mistake names the file and the field. Blocking.
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
            result.add(new Association(id, entry.string("name"), TriageLoader.knownTopics(entry, List.of(), triage),
                    regions, entry.languages("languages", List.of("fr")),
                    OpeningHoursReader.read(entry, "openingHours"), entry.integer("defaultCapacity", 3, 1, 50),
                    routingMode, entry.bool("allowPick", false)));
        }
        if (result.isEmpty()) {
            throw new ConfigException(file.file(), "associations", "must list at least one association");
        }
        return result;
    }
}
