package org.helpline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Directory;
import org.helpline.domain.Roster;
import org.helpline.domain.TriageVocabulary;

/**
 * Everything the server was configured with, parsed and validated once at start. Immutable.
 *
 * @param directory the configuration directory (a directory reload reads {@code directory.yaml} from it again)
 * @param triage the roles and topics of {@code triage.yaml}, with their labels
 * @param directoryAtStart the hotline directory parsed at start; a node serves it through {@link HotlineDirectory},
 *     which a reload replaces, so read {@link HotlineDirectory#current()} rather than this
 */
public record HelplineConfig(Path directory, HttpSettings http, RedisSettings redis, Limits limits,
                             SessionSettings sessions, Retention retention, List<Association> associations,
                             Roster counsellors, RoutingSettings routing, EscalationSettings escalation,
                             ConsoleSettings console, DashboardSettings dashboard,
                             VisitorSettings visitor, AbuseSettings abuse, TriageVocabulary triage,
                             Directory directoryAtStart, MetricsSettings metrics, LoginSettings login,
                             StatisticsSettings statistics) {

    public HelplineConfig {
        associations = List.copyOf(associations);
    }

    public Optional<Counsellor> counsellor(String id) {
        return counsellors.find(id);
    }

    public Map<String, Association> associationsById() {
        return associations.stream().collect(Collectors.toMap(Association::id, Function.identity()));
    }

    public boolean hasDemoAccounts() {
        return counsellors.stream().anyMatch(Counsellor::demo);
    }
}
