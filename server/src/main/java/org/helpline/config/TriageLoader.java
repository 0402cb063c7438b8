package org.helpline.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.domain.Role;
import org.helpline.domain.TriageChoice;
import org.helpline.domain.TriageVocabulary;

/**
 * Reads {@code triage.yaml}: the roles (exactly those of {@link Role}, each with an optional topic its chats are
 * routed by) and the topics, each with staff labels and, when the visitor page offers it, visitor labels; and checks
 * the topics the other files list against it. Every mistake names the file and the field. Blocking: call it at start.
 */
final class TriageLoader {
    static final String FILE = "triage.yaml";
    static final int MAX_LABEL_CHARS = 80;
    /** Every label is given in these languages (the pages' own languages). */
    static final List<String> REQUIRED_LANGUAGES = List.of("en", "fr");

    private TriageLoader() {
    }

    static TriageVocabulary load(Path directory) {
        ConfigSection file = ConfigSection.read(directory, FILE);
        file.allowOnly("roles", "topics");
        List<String> known = Arrays.stream(Role.values()).map(Role::wireName).toList();
        List<TriageChoice> roles = choices(file, "roles", "topic");
        List<ConfigSection> entries = file.sections("roles");
        for (int i = 0; i < roles.size(); i++) {
            String id = roles.get(i).id();
            if (!known.contains(id)) {
                throw entries.get(i).error("id", "'" + id + "' is not a role; the roles are "
                        + String.join(", ", known));
            }
        }
        List<String> missing = known.stream().filter(id -> roles.stream().noneMatch(r -> r.id().equals(id))).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(file.file(), "roles", "must list every role; missing "
                    + String.join(", ", missing));
        }
        List<TriageChoice> topics = choices(file, "topics");
        if (topics.isEmpty()) {
            throw new ConfigException(file.file(), "topics", "must list at least one topic");
        }
        return new TriageVocabulary(roles, topics, roleTopics(entries, topics));
    }

    /** The optional {@code topic} of each role: a topic of this file, routing the role's chats without a topic. */
    private static Map<Role, String> roleTopics(List<ConfigSection> roles, List<TriageChoice> topics) {
        Map<Role, String> routed = new EnumMap<>(Role.class);
        for (ConfigSection entry : roles) {
            entry.optionalString("topic").ifPresent(topic -> {
                if (topics.stream().noneMatch(choice -> choice.id().equals(topic))) {
                    throw entry.error("topic", "'" + topic + "' is not a topic listed in " + FILE);
                }
                routed.put(Role.fromWire(entry.string("id")).orElseThrow(), topic);
            });
        }
        return routed;
    }

    /** The {@code topics} field of an entry of another file: topics of the vocabulary only, in file order. */
    static Set<String> knownTopics(ConfigSection entry, List<String> fallback, TriageVocabulary triage) {
        Set<String> topics = entry.codes("topics", fallback);
        for (String topic : topics) {
            if (triage.topic(topic).isEmpty()) {
                throw entry.error("topics", "'" + topic + "' is not a topic listed in " + FILE);
            }
        }
        return topics;
    }

    private static List<TriageChoice> choices(ConfigSection file, String key, String... otherFields) {
        List<TriageChoice> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> fields = new ArrayList<>(List.of("id", "staff", "visitor"));
        fields.addAll(List.of(otherFields));
        for (ConfigSection entry : file.sections(key)) {
            entry.allowOnly(fields.toArray(String[]::new));
            String id = entry.uniqueCode("id", ids);
            Map<String, String> visitor = entry.raw("visitor") == null ? Map.of() : labels(entry, "visitor");
            result.add(new TriageChoice(id, labels(entry, "staff"), visitor));
        }
        return result;
    }

    private static Map<String, String> labels(ConfigSection entry, String key) {
        ConfigSection byLanguage = entry.section(key);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String language : entry.languageKeys(key)) {
            labels.put(language, byLanguage.text(language, MAX_LABEL_CHARS));
        }
        for (String language : REQUIRED_LANGUAGES) {
            if (!labels.containsKey(language)) {
                throw byLanguage.error(language, "is required (labels are given in "
                        + String.join(" and ", REQUIRED_LANGUAGES) + ")");
            }
        }
        return labels;
    }
}
