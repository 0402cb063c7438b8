package org.helpline.store;

import io.vertx.core.json.JsonObject;

/**
 * What a chat keeps of an escalation made in it (which line, by whom, when; no text), for whoever holds the chat next:
 * kept with the record of the escalation, in the same step ({@link EscalationStore#recordPending}), only while the
 * counsellor who made it holds the chat, or held it when it ended.
 */
public record EscalationSummary(String conversationId, String counsellorId, JsonObject entry) {
}
