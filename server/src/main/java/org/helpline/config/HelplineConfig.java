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
                             List<Counsellor> counsellors, RoutingSettings routing, EscalationSettings escalation,
                             ConsoleSettings console, DashboardSettings dashboard,
                             VisitorSettings visitor, TriageVocabulary triage,
                             Directory directoryAtStart) {

    public HelplineConfig {
        associations = List.copyOf(associations);
        counsellors = List.copyOf(counsellors);
    }

    public Optional<Counsellor> counsellor(String id) {
        return counsellors.stream().filter(counsellor -> counsellor.id().equals(id)).findFirst();
    }

    public Map<String, Association> associationsById() {
        return associations.stream().collect(Collectors.toMap(Association::id, Function.identity()));
    }

    public boolean hasDemoAccounts() {
        return counsellors.stream().anyMatch(Counsellor::demo);
    }

    public HelplineConfig withHttp(HttpSettings newHttp) {
        return new HelplineConfig(directory, newHttp, redis, limits, sessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withRedis(RedisSettings newRedis) {
        return new HelplineConfig(directory, http, newRedis, limits, sessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withSessions(SessionSettings newSessions) {
        return new HelplineConfig(directory, http, redis, limits, newSessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withLimits(Limits newLimits) {
        return new HelplineConfig(directory, http, redis, newLimits, sessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withRouting(RoutingSettings newRouting) {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations, counsellors,
                newRouting, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withDirectory(Path newDirectory) {
        return new HelplineConfig(newDirectory, http, redis, limits, sessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withEscalation(EscalationSettings newEscalation) {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations, counsellors,
                routing, newEscalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withDashboard(DashboardSettings newDashboard) {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations, counsellors,
                routing, escalation, console, newDashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withAssociations(List<Association> newAssociations) {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, newAssociations, counsellors,
                routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withCounsellors(List<Counsellor> newCounsellors) {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations,
                newCounsellors, routing, escalation, console, dashboard, visitor, triage, directoryAtStart);
    }

    public HelplineConfig withVisitor(VisitorSettings newVisitor) {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, newVisitor, triage, directoryAtStart);
    }
}
