package org.helpline.load;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One of the generator processes a run is split between ({@code --parts}), numbered from 1. Each drives its own node
 * with its own counsellors ({@code load.<first>...}) and its own visitors, who choose a topic only this part's
 * counsellors take: every chat stays within one process, which can then tell alone what was lost or doubled.
 */
record Part(int index, int of) {
    /** The topics the parts' visitors choose, one per part (ids of the shipped triage.yaml). */
    static final List<String> TOPICS = List.of("physical", "psychological", "sexual", "economic");

    Part {
        if (of < 1 || of > TOPICS.size() || index < 1 || index > of) {
            throw new RefusedRun("--part must be 1.." + of + " and --parts 1.." + TOPICS.size());
        }
    }

    /** The first counsellor account of this part when each part has {@code counsellors}. */
    int firstCounsellor(int counsellors) {
        return (index - 1) * counsellors + 1;
    }

    /** The part whose counsellors include {@code load.<account>} when each part has {@code counsellors}. */
    static int numberOf(int account, int counsellors) {
        return (account - 1) / Math.max(1, counsellors) + 1;
    }

    /** What this part's visitors answer at triage: nothing when the run is not split. */
    JsonObject triage() {
        return of == 1 ? new JsonObject() : new JsonObject().put("topic", topic());
    }

    String topic() {
        return TOPICS.get(index - 1);
    }

    /** For the report's parameters line. */
    String describe() {
        return of == 1 ? "" : " part=" + index + "/" + of + " topic=" + topic();
    }
}
