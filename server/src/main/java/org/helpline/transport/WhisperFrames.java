package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import org.helpline.domain.Counsellor;
import org.helpline.domain.SupervisionKind;
import org.helpline.store.SupervisionStore;

/**
 * {@code whisper}: a supervisor monitoring a chat writes to its counsellor only. The whisper is a supervision entry
 * of the chat's case record (kept sealed with its private notes) and goes to the counsellor's own channel, which no
 * visitor socket follows; it is never appended to the transcript. Its text is never logged.
 */
final class WhisperFrames {
    private final SupervisionStore supervision;
    private final Clock clock;

    WhisperFrames(SupervisionStore supervision, Clock clock) {
        this.supervision = supervision;
        this.clock = clock;
    }

    /** Records the whisper and answers {@code whispered} with it. */
    Future<JsonObject> whisper(Counsellor supervisor, String conversation, JsonObject frame, MonitoredChats watched) {
        if (!watched.monitors(conversation)) {
            throw new ProtocolException(ProtocolError.NOT_MONITORING);
        }
        String text = Fields.text(frame, Fields.MAX_NOTE_CHARS);
        JsonObject entry = SupervisionEntries.entry(SupervisionKind.WHISPER, supervisor, clock.millis())
                .put("text", text);
        return supervision.record(conversation, entry, Optional.empty(), Optional.empty()).map(outcome -> {
            MonitorFrames.recorded(outcome);
            return entry.copy().put("type", "whispered").put("conversation", conversation);
        });
    }
}
