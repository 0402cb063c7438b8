package org.helpline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.domain.Association;
import org.helpline.domain.CannedReplies;
import org.helpline.domain.CannedReply;
import org.helpline.domain.CounsellorAwayReason;
import org.helpline.domain.OutcomeTag;
import org.helpline.domain.OutcomeTagGroup;
import org.helpline.domain.OutcomeTags;
import org.helpline.domain.RiskChecklist;
import org.helpline.domain.RiskQuestion;

/**
 * Reads {@code console.yaml}: canned replies, the risk checklist and the outcome tags. Every mistake names the file and
 * the field. Blocking: call it at start.
 */
final class ConsoleSettingsLoader {
    static final String FILE = "console.yaml";
    static final int MAX_TITLE_CHARS = 80;
    static final int MAX_QUESTION_CHARS = 300;
    /** Outcome tags are metric tag values: a small fixed set. */
    static final int MAX_OUTCOME_TAGS = 100;
    static final int MAX_WRAP_UP_SECONDS = 600;
    static final int DEFAULT_WRAP_UP_SECONDS = 30;
    static final int MAX_AWAY_REASONS = 20;

    private ConsoleSettingsLoader() {
    }

    static ConsoleSettings load(Path directory, List<Association> associations, int maxTextChars) {
        ConfigSection file = ConfigSection.read(directory, FILE);
        file.allowOnly("cannedReplies", "riskChecklist", "outcomeTags", "wrapUpSeconds", "awayReasons");
        return new ConsoleSettings(cannedReplies(file.section("cannedReplies"), associations, maxTextChars),
                riskChecklist(file.section("riskChecklist")), outcomeTags(file),
                Duration.ofSeconds(file.integer("wrapUpSeconds", DEFAULT_WRAP_UP_SECONDS, 0, MAX_WRAP_UP_SECONDS)),
                awayReasons(file));
    }

    private static List<CounsellorAwayReason> awayReasons(ConfigSection file) {
        List<CounsellorAwayReason> reasons = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : file.sections("awayReasons")) {
            entry.allowOnly("id", "label");
            reasons.add(new CounsellorAwayReason(entry.uniqueId("id", ids), entry.text("label", MAX_TITLE_CHARS)));
        }
        if (reasons.size() > MAX_AWAY_REASONS) {
            throw new ConfigException(file.file(), "awayReasons", "lists " + reasons.size() + " reasons; at most "
                    + MAX_AWAY_REASONS);
        }
        return reasons;
    }

    private static CannedReplies cannedReplies(ConfigSection section, List<Association> associations,
                                               int maxTextChars) {
        section.allowOnly("network", "associations");
        Map<String, List<CannedReply>> network = repliesByLanguage(section, "network", maxTextChars);
        Map<String, Map<String, List<CannedReply>>> byAssociation = new LinkedHashMap<>();
        ConfigSection own = section.section("associations");
        for (String association : section.keys("associations")) {
            if (associations.stream().noneMatch(known -> known.id().equals(association))) {
                throw own.error(association, "'" + association + "' is not an association listed in associations.yaml");
            }
            byAssociation.put(association, repliesByLanguage(own, association, maxTextChars));
        }
        return new CannedReplies(network, byAssociation);
    }

    private static Map<String, List<CannedReply>> repliesByLanguage(ConfigSection parent, String key,
                                                                    int maxTextChars) {
        ConfigSection section = parent.section(key);
        Map<String, List<CannedReply>> result = new LinkedHashMap<>();
        for (String language : parent.languageKeys(key)) {
            List<CannedReply> replies = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (ConfigSection entry : section.sections(language)) {
                entry.allowOnly("id", "title", "text");
                String id = entry.id("id");
                if (!ids.add(id)) {
                    throw entry.error("id", "'" + id + "' is used twice in this language");
                }
                replies.add(new CannedReply(id, entry.text("title", MAX_TITLE_CHARS),
                        entry.text("text", maxTextChars)));
            }
            result.put(language, replies);
        }
        return result;
    }

    private static RiskChecklist riskChecklist(ConfigSection section) {
        section.allowOnly("thresholds", "questions");
        ConfigSection thresholds = section.section("thresholds");
        thresholds.allowOnly("medium", "high");
        int medium = thresholds.integer("medium", 5, 1, 1000);
        int high = thresholds.integer("high", 10, 1, 1000);
        if (high <= medium) {
            throw thresholds.error("high", "must be greater than thresholds.medium (" + medium + ")");
        }
        List<RiskQuestion> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : section.sections("questions")) {
            entry.allowOnly("id", "text", "weight", "critical");
            String id = entry.uniqueId("id", ids);
            Map<String, String> texts = new LinkedHashMap<>();
            ConfigSection byLanguage = entry.section("text");
            for (String language : entry.languageKeys("text")) {
                texts.put(language, byLanguage.text(language, MAX_QUESTION_CHARS));
            }
            if (!texts.containsKey("en")) {
                throw entry.error("text.en", "is required (the English text)");
            }
            questions.add(new RiskQuestion(id, texts, entry.integer("weight", 1, 0, 100),
                    entry.bool("critical", false)));
        }
        if (questions.isEmpty()) {
            throw new ConfigException(section.file(), section.field("questions"), "must list at least one question");
        }
        return new RiskChecklist(questions, medium, high);
    }

    private static OutcomeTags outcomeTags(ConfigSection file) {
        List<OutcomeTagGroup> groups = new ArrayList<>();
        Set<String> groupIds = new HashSet<>();
        Set<String> tagIds = new HashSet<>();
        for (ConfigSection group : file.sections("outcomeTags")) {
            group.allowOnly("id", "label", "tags");
            String groupId = group.uniqueId("id", groupIds);
            List<OutcomeTag> tags = new ArrayList<>();
            for (ConfigSection tag : group.sections("tags")) {
                tag.allowOnly("id", "label");
                String tagId = tag.id("id");
                if (!tagIds.add(tagId)) {
                    throw tag.error("id", "'" + tagId + "' is used twice (tag ids are unique across groups)");
                }
                tags.add(new OutcomeTag(tagId, tag.text("label", MAX_TITLE_CHARS)));
            }
            if (tags.isEmpty()) {
                throw new ConfigException(group.file(), group.field("tags"), "must list at least one tag");
            }
            groups.add(new OutcomeTagGroup(groupId, group.text("label", MAX_TITLE_CHARS), tags));
        }
        if (groups.isEmpty()) {
            throw new ConfigException(file.file(), "outcomeTags", "must list at least one group of tags");
        }
        if (tagIds.size() > MAX_OUTCOME_TAGS) {
            throw new ConfigException(file.file(), "outcomeTags", "lists " + tagIds.size() + " tags; at most "
                    + MAX_OUTCOME_TAGS + " (each is a metric tag value)");
        }
        return new OutcomeTags(groups);
    }
}
