package org.helpline.store;

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
    private final Scripts scripts;
    private final TranscriptCipher cipher;
    private final String nodeId;

    /** {@code nodeId}: this node's, drawn at its start; its supervisor sockets' monitorings are kept under it. */
    public SupervisionStore(Scripts scripts, TranscriptCipher cipher, String nodeId) {
        this.scripts = scripts;
        this.cipher = cipher;
        this.nodeId = nodeId;
    }

    /**
     * Records {@code entry} with an active chat held by {@code expectedHolder} (or anyone when empty) and sends it to
     * the holder's consoles as a {@code supervision} frame; {@code alert}, if given, goes to the supervisors, unless
     * the chat's last alert went less than {@link #ALERT_AGAIN_AFTER} before (then nothing is done: REPEATED). An
     * alert is raised, and told to the holder, even when the case record is full (ALERTED: only the record misses it).
     */
    public Future<SupervisionOutcome> record(String conversationId, JsonObject entry, Optional<String> expectedHolder,
                                             Optional<JsonObject> alert) {
        return run(conversationId, entry, expectedHolder, alert, nodeId, Optional.empty());
    }

    /**
     * Records the start or the end of a monitoring ({@code entry} of kind {@code monitor} or {@code monitor_end},
     * with its {@code monitoring} id), started or ended by the supervisor socket {@code watcher}. A monitoring asked
     * again while it is open (the same page, reconnected) passes to that socket and records nothing (UNCHANGED); its
     * end is recorded only from the socket holding it (else UNCHANGED), in any chat that has not ended, and always
     * fits the record: it closes an entry the record holds. This node keeps the monitoring, under {@code watcher}
     * and the supervisor's account {@code supervisorId}, while that socket holds it, for another node to end it if
     * this one dies ({@link #endForGoneNode}).
     */
    public Future<SupervisionOutcome> monitoring(String conversationId, JsonObject entry, String watcher,
                                                 String supervisorId) {
        return run(conversationId, entry, Optional.empty(), Optional.empty(), nodeId, Optional.of(
                new NodeMonitoring(conversationId, entry.getString("monitoring", ""), watcher, supervisorId)));
    }

    /**
     * Records the end ({@code entry}, of kind {@code monitor_end}) of a monitoring that a socket of node {@code gone}
     * held when that node died, as that socket would have: not when the monitoring ended already, nor when the same
     * page took it on from another socket since (UNCHANGED); nothing in a chat that ended. Either way the gone node's
     * set forgets it.
     */
    public Future<SupervisionOutcome> endForGoneNode(String gone, NodeMonitoring left, JsonObject entry) {
        return run(left.conversationId(), entry.copy().put("monitoring", left.monitoringId()), Optional.empty(),
                Optional.empty(), gone, Optional.of(left));
    }

    private Future<SupervisionOutcome> run(String conversationId, JsonObject entry, Optional<String> expectedHolder,
                                           Optional<JsonObject> alert, String node,
                                           Optional<NodeMonitoring> monitoring) {
        String watcher = monitoring.map(NodeMonitoring::socket).orElse("");
        return scripts.text(Scripts.RECORD_SUPERVISION.call()
                .key("conversation", Keys.conversation(conversationId)).key("notes", Keys.notes(conversationId))
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).key("nodeMonitorings", Keys.nodeMonitorings(node))
                .arg("expectedHolder", expectedHolder.orElse(""))
                .arg("entry", cipher.seal(entry.encode())).arg("maxNotes", CaseRecordStore.MAX_NOTES)
                .arg("counsellorChannelPrefix", Keys.counsellorChannel(""))
                .arg("event", event(conversationId, entry).encode())
                .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL)
                .arg("alert", alert.map(JsonObject::encode).orElse(""))
                .arg("alertAgainAfter", ALERT_AGAIN_AFTER.toMillis()).arg("now", entry.getLong("at", 0L))
                .arg("whileOpen", SupervisionKind.MONITOR_END.wireName().equals(entry.getString("kind")))
                .arg("monitoring", monitoring.map(NodeMonitoring::monitoringId).orElse(""))
                .arg("watcher", watcher).arg("nodeMonitoring", monitoring.map(NodeMonitoring::member).orElse("")))
                .map(SupervisionOutcome::fromScript);
    }

    /**
     * What tells a counsellor's consoles of an entry recorded elsewhere: a takeover, which the transfer records (while
     * the record has room) and tells in its own step ({@link QueueStore#takeOver}).
     */
    public String holderEvent(String conversationId, JsonObject entry) {
        return event(conversationId, entry).encode();
    }

    private JsonObject event(String conversationId, JsonObject entry) {
        JsonObject event = entry.copy().put("type", ChatEvent.SUPERVISION.wireName())
                .put("conversation", conversationId);
        String text = entry.getString("text");
        return text == null ? event : event.put("text", cipher.seal(text));
    }
}
