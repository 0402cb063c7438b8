package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.helpline.config.ConsoleSettings;
import org.helpline.domain.Availability;
import org.helpline.domain.Counsellor;
import org.helpline.store.CounsellorStore;

/**
 * A counsellor's availability as their consoles see it: {@code status} (available, or away with a reason of
 * console.yaml), and what the welcome tells of it and of the wrap-up that follows the end of a chat they held (no new
 * offer until it runs out, or until they set themselves available; {@code end_conversation.lua} starts it).
 */
final class AvailabilityFrames {
    private final ConsoleSettings settings;
    private final CounsellorStore counsellors;

    AvailabilityFrames(ConsoleSettings settings, CounsellorStore counsellors) {
        this.settings = settings;
        this.counsellors = counsellors;
    }

    /** Records the availability the {@code status} frame asks for; answers with the {@code status} frame. */
    Future<JsonObject> status(Counsellor who, JsonObject frame, String socketId) {
        Availability availability = Availability.fromWire(String.valueOf(frame.getValue("status")))
                .orElseThrow(() -> ProtocolException.invalid("status", "status must be available or away"));
        Optional<String> reason = Fields.optionalString(frame, "", "awayReason");
        if (reason.isPresent() && (availability != Availability.AWAY || settings.awayReason(reason.get()).isEmpty())) {
            throw ProtocolException.invalid("awayReason", "awayReason must be the id of an away reason of the "
                    + "welcome frame, with status away");
        }
        return counsellors.setAvailability(who, availability, reason, socketId).map(recorded -> new JsonObject()
                .put("type", "status").put("status", recorded.wireName()).put("awayReason", reason.orElse(null)));
    }

    /**
     * What the welcome adds: {@code awayReasons} (the choices), {@code awayReason} (the counsellor's, while away),
     * {@code wrapUpSeconds} (the setting) and {@code wrapUpLeftSeconds} (what is left of a wrap-up running now).
     */
    Future<JsonObject> welcome(String counsellorId) {
        Future<Optional<String>> reason = counsellors.awayReason(counsellorId);
        Future<Duration> left = counsellors.wrapUpLeft(counsellorId);
        return Future.all(reason, left).map(read -> new JsonObject()
                .put("awayReasons", awayReasons(settings))
                .put("awayReason", reason.result().orElse(null))
                .put("wrapUpSeconds", settings.wrapUp().toSeconds())
                .put("wrapUpLeftSeconds", (left.result().toMillis() + 999) / 1000));
    }

    /** The away reasons of console.yaml, {@code [{"id","label"}]}, in the console's and supervisor's welcome. */
    static JsonArray awayReasons(ConsoleSettings settings) {
        return new JsonArray(settings.awayReasons().stream()
                .map(choice -> new JsonObject().put("id", choice.id()).put("label", choice.label())).toList());
    }
}
