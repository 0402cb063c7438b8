package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What counsellors record about a chat, never shown to the visitor: the risk checklist's level and answers, private
 * notes, and the outcome tags with the anonymous daily counters they feed. Each change checks, in the same script,
 * that the caller holds the conversation, and tells the counsellor's consoles (their own channel, which no visitor
 * socket follows); each answers a {@link CaseRecordChange}.
 */
public final class CaseRecordStore {
    /** The daily outcome counters are kept this long: a year of statistics, and a month to export them. */
    public static final Duration COUNTERS_KEPT = Duration.ofDays(400);
    /** A conversation keeps at most this many notes. */
    public static final int MAX_NOTES = 200;
    public static final int MAX_ESCALATIONS = 20;

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final TranscriptCipher cipher;
    private final StatisticsCounters statistics;

    /** {@code cipher} seals private notes. */
    public CaseRecordStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts,
                           Clock clock, TranscriptCipher cipher, StatisticsCounters statistics) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.cipher = cipher;
        this.statistics = statistics;
    }

    /**
     * Saves the level and answers of a risk checklist with a conversation the counsellor holds; {@code event} goes to
     * their consoles, {@code alert} to the supervisors when the level becomes high.
     */
    public Future<CaseRecordChange> saveRisk(String conversationId, String counsellorId, String level,
                                             JsonObject answers, JsonObject event, JsonObject alert) {
        return scripts.text(Scripts.SAVE_RISK.call()
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).key("conversation", Keys.conversation(conversationId))
                .arg("counsellorId", counsellorId).arg("level", level).arg("answers", answers.encode())
                .arg("at", clock.millis()).arg("counsellorChannel", Keys.counsellorChannel(counsellorId))
                .arg("event", event.encode()).arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL)
                .arg("alert", alert.encode())).map(CaseRecordChange::fromScript);
    }

    /** The saved risk assessment, {@code {"level", "answers"}}, if there is one. */
    public Future<Optional<JsonObject>> risk(String conversationId) {
        return bridge.toFuture(commands.hmget(Keys.conversation(conversationId), "risk", "riskAnswers"))
                .map(values -> {
                    if (values.isEmpty() || !values.get(0).hasValue()) {
                        return Optional.empty();
                    }
                    String answers = values.get(1).getValueOrElse("{}");
                    return Optional.of(new JsonObject().put("level", values.get(0).getValue())
                            .put("answers", new JsonObject(answers)));
                });
    }

    /** The escalations made in this conversation, oldest first (the latest {@value #MAX_ESCALATIONS}). */
    public Future<List<JsonObject>> escalations(String conversationId) {
        return bridge.toFuture(commands.hget(Keys.conversation(conversationId), "escalations"))
                .map(kept -> kept == null ? List.<JsonObject>of() : new JsonArray(kept).stream()
                        .map(entry -> new JsonObject((String) entry)).toList());
    }

    /** Appends a private note to a conversation the counsellor holds; {@code event} goes to their consoles. */
    public Future<CaseRecordChange> addNote(String conversationId, String counsellorId, JsonObject note,
                                            JsonObject event) {
        return scripts.text(Scripts.ADD_NOTE.call().key("conversation", Keys.conversation(conversationId))
                .key("notes", Keys.notes(conversationId)).arg("counsellorId", counsellorId)
                .arg("note", cipher.seal(note.encode()))
                .arg("maxNotes", MAX_NOTES).arg("counsellorChannel", Keys.counsellorChannel(counsellorId))
                .arg("event", event.encode())).map(CaseRecordChange::fromScript);
    }

    /**
     * Records the outcome tags of a conversation the counsellor held last, once, and counts each tag in today's
     * anonymous counters (the day of the helpline's calendar); {@code event} goes to their consoles.
     */
    public Future<CaseRecordChange> recordOutcome(String conversationId, String counsellorId, List<String> tags,
                                                  JsonObject event) {
        Instant now = clock.instant();
        return scripts.text(Scripts.RECORD_OUTCOME.call().key("conversation", Keys.conversation(conversationId))
                .key("outcomeCounts", statistics.outcomeCounts(now))
                .key("statistics", statistics.key(now))
                .arg("counsellorId", counsellorId).arg("tags", String.join(",", tags)).arg("at", now.toEpochMilli())
                .arg("countersKept", COUNTERS_KEPT.toSeconds())
                .arg("counsellorChannel", Keys.counsellorChannel(counsellorId)).arg("event", event.encode())
                .arg("statisticsKept", statistics.keptSeconds(now))).map(CaseRecordChange::fromScript);
    }
}
