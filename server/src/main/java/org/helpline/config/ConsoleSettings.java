package org.helpline.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.helpline.domain.CannedReplies;
import org.helpline.domain.CounsellorAwayReason;
import org.helpline.domain.OutcomeTags;
import org.helpline.domain.RiskChecklist;

/**
 * console.yaml: what the counsellor console offers besides the chat itself.
 *
 * @param cannedReplies ready-made replies, network-wide and per association, by language
 * @param riskChecklist the structured risk questions and the thresholds giving standard / medium / high
 * @param outcomeTags   the tags a chat gets as it ends, which feed the anonymous daily counters
 * @param wrapUp        after a chat a counsellor held ends, how long no new chat is offered to them (zero: none)
 * @param awayReasons   the reasons a counsellor may give for being away, in the order the console lists them
 */
public record ConsoleSettings(CannedReplies cannedReplies, RiskChecklist riskChecklist, OutcomeTags outcomeTags,
                              Duration wrapUp, List<CounsellorAwayReason> awayReasons) {
    public ConsoleSettings {
        awayReasons = List.copyOf(awayReasons);
    }

    public Optional<CounsellorAwayReason> awayReason(String id) {
        return awayReasons.stream().filter(reason -> reason.id().equals(id)).findFirst();
    }
}
