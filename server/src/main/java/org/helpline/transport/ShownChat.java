package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.helpline.auth.Digests;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationRecord;

/**
 * What a console was told of a chat it shows, beyond its messages: the triage its case file gave (an escalation's
 * when Redis cannot be read), the last danger raise and whether the visitor is shown away. After a gap in the node's
 * pub/sub link, {@link #missed} tells what the console did not hear meanwhile, from the chat's state as stored.
 * Event-loop confined, like its console.
 */
final class ShownChat {
    private Triage triage;
    private long dangerAt;
    private boolean awayShown;
    /** A digest of the last {@code assigned} frame told (its case file: notes, risk, location...). */
    private String caseTold = "";

    ShownChat(ConversationRecord record) {
        triage = record.triage();
        dangerAt = record.dangerAt();
        awayShown = record.visitorAway().isPresent();
    }

    Triage triage() {
        return triage;
    }

    /**
     * Whether this {@code assigned} frame tells the console anything the last one told did not: a console told the
     * same again rebuilds the chat's checklist and reply picker under the counsellor's hands, for nothing.
     */
    boolean caseChanged(JsonObject assigned) {
        String digest = Digests.sha256(assigned.encode());
        boolean changed = !digest.equals(caseTold);
        caseTold = digest;
        return changed;
    }

    /** An event passed to the console. */
    void told(ChatEvent type, JsonObject event) {
        if (type == ChatEvent.DANGER) {
            dangerAt = Math.max(dangerAt, event.getLong("at", 0L));
        } else if (type == ChatEvent.VISITOR_PRESENCE) {
            awayShown = !event.getBoolean("present", true);
        }
    }

    /**
     * The frames the console missed, given the chat's state as stored now (still held by this console's counsellor):
     * the danger raise, the visitor gone or back ({@code nowMillis} is when a return is told, its time not stored).
     */
    List<JsonObject> missed(ConversationRecord now, long nowMillis) {
        triage = now.triage();
        List<JsonObject> frames = new ArrayList<>();
        if (now.dangerAt() > dangerAt) {
            dangerAt = now.dangerAt();
            frames.add(new JsonObject().put("type", ChatEvent.DANGER.wireName()).put("conversation", now.id())
                    .put("at", dangerAt));
        }
        ConsoleFrames.visitorAway(now).ifPresentOrElse(frames::add, () -> {
            if (awayShown) {
                frames.add(new JsonObject().put("type", ChatEvent.VISITOR_PRESENCE.wireName())
                        .put("conversation", now.id()).put("present", true).put("reason", "returned")
                        .put("at", nowMillis));
            }
        });
        awayShown = now.visitorAway().isPresent();
        return frames;
    }
}
