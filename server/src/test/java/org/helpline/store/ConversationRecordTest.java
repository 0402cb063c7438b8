package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The triage staff are shown from a conversation's stored fields. */
class ConversationRecordTest {
    /**
     * A further chat of a client whose first in-danger chat holds the queue's priority waits its turn (danger 0), but
     * she said she is in danger: the counsellor who takes it, the webhook and the offer must say so.
     */
    @Test
    void aChatWhoseVisitorSaidSheIsInDangerIsShownInDangerWithOrWithoutThePriority() {
        assertTrue(ConversationRecord.triage(Map.of("danger", "0", "dangerSaid", "1")).inDanger(), "grouped");
        assertTrue(ConversationRecord.triage(Map.of("danger", "1", "dangerSaid", "1")).inDanger(), "given it");
        assertFalse(ConversationRecord.triage(Map.of("danger", "0")).inDanger(), "never said");
        assertFalse(ConversationRecord.triage(new JsonObject().put("danger", false)).inDanger(),
                "the queue's view: its class only");
    }
}
