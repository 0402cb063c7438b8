package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.SupervisionKind;

/**
 * The supervision entries of a chat's case record (who monitored it, whispered to its counsellor, took it over, or
 * asked for help, and when). They are kept, sealed, with the chat's private notes, so they are read, carried by a
 * transfer, expired and erased as the notes are; each is told to the counsellor holding the chat at once, on their
 * own channel. A whisper's text is sealed in the event too: consoles open it as they open message text.
 */
public final class SupervisionStore {
    /** A chat's counsellor calling for help again within this is not recorded nor alerted again. */
    public static final Duration ALERT_AGAIN_AFTER = Duration.ofMinutes(1);
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final TranscriptCipher cipher;

    public SupervisionStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts,
                            TranscriptCipher cipher) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.cipher = cipher;
    }

    /**
     * Records {@code entry} with an active chat held by {@code expectedHolder} (or anyone when empty) and sends it to
     * the holder's consoles as a {@code supervision} frame; {@code alert}, if given, goes to the supervisors, unless
     * the chat's last alert went less than {@link #ALERT_AGAIN_AFTER} before (then nothing is done: REPEATED).
     */
    public Future<SupervisionOutcome> record(String conversationId, JsonObject entry, Optional<String> expectedHolder,
                                             Optional<JsonObject> alert) {
        return scripts.text(Scripts.RECORD_SUPERVISION.call()
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).key("conversation", Keys.conversation(conversationId))
                .key("notes", Keys.notes(conversationId)).arg("expectedHolder", expectedHolder.orElse(""))
                .arg("entry", cipher.seal(entry.encode())).arg("maxNotes", CaseRecordStore.MAX_NOTES)
                .arg("counsellorChannelPrefix", Keys.counsellorChannel(""))
                .arg("event", event(conversationId, entry).encode())
                .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL)
                .arg("alert", alert.map(JsonObject::encode).orElse(""))
                .arg("alertAgainAfter", ALERT_AGAIN_AFTER.toMillis()).arg("now", entry.getLong("at", 0L))
                .arg("whileOpen", SupervisionKind.MONITOR_END.wireName().equals(entry.getString("kind"))))
                .map(SupervisionOutcome::fromScript);
    }

    /** Tells a counsellor's consoles of an entry recorded elsewhere (a takeover, recorded by the transfer itself). */
    public Future<Void> tell(String counsellorId, String conversationId, JsonObject entry) {
        return bridge.toFuture(commands.publish(Keys.counsellorChannel(counsellorId),
                event(conversationId, entry).encode())).mapEmpty();
    }

    private JsonObject event(String conversationId, JsonObject entry) {
        JsonObject event = entry.copy().put("type", ChatEvent.SUPERVISION.wireName())
                .put("conversation", conversationId);
        String text = entry.getString("text");
        return text == null ? event : event.put("text", cipher.seal(text));
    }
}
