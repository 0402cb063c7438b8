package org.helpline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.helpline.domain.Criterion;
import org.helpline.domain.PrioritySettings;
import org.helpline.domain.RoutingStep;

/**
 * Reads {@code routing.yaml}: priority head starts, offers, presence and the ordered routing steps (see
 * docs/routing.md). Every mistake names the file and the field. Blocking.
 */
final class RoutingSettingsLoader {
    static final String FILE = "routing.yaml";

    private RoutingSettingsLoader() {
    }

    static RoutingSettings load(Path directory) {
        ConfigSection file = ConfigSection.read(directory, FILE);
        file.allowOnly("priority", "offers", "presence", "steps");
        ConfigSection priority = file.section("priority");
        priority.allowOnly("dangerHeadStartMinutes", "childrenHeadStartMinutes");
        ConfigSection offers = file.section("offers");
        offers.allowOnly("acceptTimeoutSeconds", "maxMissedInARow", "declineCooldownSeconds");
        ConfigSection presence = file.section("presence");
        presence.allowOnly("consoleLeaseSeconds", "heartbeatTimeoutSeconds", "reconnectGraceSeconds");
        return new RoutingSettings(
                new PrioritySettings(Duration.ofMinutes(priority.integer("dangerHeadStartMinutes", 120, 0, 10_080)),
                        Duration.ofMinutes(priority.integer("childrenHeadStartMinutes", 20, 0, 10_080))),
                Duration.ofSeconds(offers.integer("acceptTimeoutSeconds", 20, 1, 600)),
                offers.integer("maxMissedInARow", 3, 1, 100),
                Duration.ofSeconds(offers.integer("declineCooldownSeconds", 120, 0, 86_400)),
                Duration.ofSeconds(presence.integer("consoleLeaseSeconds", 30, 3, 600)),
                Duration.ofSeconds(presence.integer("heartbeatTimeoutSeconds", 60, 3, 3600)),
                Duration.ofSeconds(presence.integer("reconnectGraceSeconds", 20, 0, 3600)),
                steps(file));
    }

    private static List<RoutingStep> steps(ConfigSection file) {
        List<RoutingStep> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ConfigSection> entries = file.sections("steps");
        for (int i = 0; i < entries.size(); i++) {
            ConfigSection step = entries.get(i);
            step.allowOnly("name", "match", "timeoutSeconds");
            String name = step.uniqueId("name", names);
            Set<Criterion> criteria = new LinkedHashSet<>();
            for (String value : step.strings("match", List.of())) {
                criteria.add(Criterion.fromWire(value).orElseThrow(() -> step.error("match",
                        "'" + value + "' is not one of region, topic, language")));
            }
            boolean last = i == entries.size() - 1;
            int timeout = step.integer("timeoutSeconds", last ? 0 : -1, last ? 0 : 1, 86_400);
            if (timeout < 0) {
                throw step.error("timeoutSeconds", "is required on every step but the last");
            }
            steps.add(new RoutingStep(name, criteria, Duration.ofSeconds(timeout)));
        }
        if (steps.isEmpty()) {
            throw new ConfigException(file.file(), "steps", "must list at least one step");
        }
        return steps;
    }
}
