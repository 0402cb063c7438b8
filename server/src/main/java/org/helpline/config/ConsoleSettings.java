package org.helpline.config;

import org.helpline.domain.CannedReplies;
import org.helpline.domain.OutcomeTags;
import org.helpline.domain.RiskChecklist;

/**
 * console.yaml: what the counsellor console offers besides the chat itself.
 *
 * @param cannedReplies ready-made replies, network-wide and per association, by language
 * @param riskChecklist the structured risk questions and the thresholds giving standard / medium / high
 * @param outcomeTags   the tags a chat gets as it ends, which feed the anonymous daily counters
 */
public record ConsoleSettings(CannedReplies cannedReplies, RiskChecklist riskChecklist, OutcomeTags outcomeTags) {
}
