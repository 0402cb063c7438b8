package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.config.ConsoleSettings;
import org.helpline.domain.CannedReply;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OutcomeTag;
import org.helpline.domain.OutcomeTagGroup;
import org.helpline.domain.RiskChecklist;
import org.helpline.domain.RiskLevel;
import org.helpline.domain.RiskQuestion;
import org.helpline.metrics.OutcomeMeters;
import org.helpline.store.CaseRecordChange;
import org.helpline.store.CaseRecordStore;

/**
 * One console's frames about the counsellor's own record of a chat: the risk checklist ({@code risk}), private notes
 * ({@code note}) and outcome tags ({@code outcome}), plus what the welcome tells of them. None of it reaches the
 * visitor: changes are announced on the counsellor's own channel, tagged with the socket they came from so that the
 * sender (answered directly) is not told twice. Note text is never logged. Shared by every console socket of a node:
 * each call says who asks and from which socket, and answers with the frame for that socket.
 */
final class CaseRecordFrames {
    private final ConsoleSettings settings;
    private final CaseRecordStore records;
    private final OutcomeMeters meters;
    private final Clock clock;

    CaseRecordFrames(ConsoleSettings settings, CaseRecordStore records, OutcomeMeters meters, Clock clock) {
        this.settings = settings;
        this.records = records;
        this.meters = meters;
        this.clock = clock;
    }

    /** Adds {@code cannedReplies} (this association's, by language), {@code riskChecklist} and {@code outcomeTags}. */
    JsonObject welcome(JsonObject welcome, String associationId) {
        JsonObject replies = new JsonObject();
        settings.cannedReplies().forAssociation(associationId).forEach((language, list) -> replies.put(language,
                new JsonArray(list.stream().map(CaseRecordFrames::encode).toList())));
        return welcome.put("cannedReplies", replies)
                .put("riskChecklist", encode(settings.riskChecklist()))
                .put("outcomeTags", new JsonArray(settings.outcomeTags().groups().stream()
                        .map(CaseRecordFrames::encode).toList()));
    }

    /** Scores a risk checklist, saves it with the conversation and answers with the level. */
    Future<JsonObject> risk(Counsellor who, String conversation, JsonObject frame, String socketId) {
        RiskChecklist checklist = settings.riskChecklist();
        Map<String, Boolean> given = Fields.answers(frame, "answers", checklist.questions().size());
        for (String id : given.keySet()) {
            if (checklist.question(id).isEmpty()) {
                throw ProtocolException.invalid("answers", "no risk question has the id '" + id + "'");
            }
        }
        RiskLevel level = checklist.assess(given);
        JsonObject answers = new JsonObject();
        checklist.ordered(given).forEach(answers::put);
        JsonObject answer = new JsonObject().put("type", "risk").put("conversation", conversation)
                .put("level", level.wireName()).put("answers", answers);
        JsonObject alert = new JsonObject().put("type", "alert").put("kind", "risk").put("conversation", conversation)
                .put("association", who.associationId()).put("level", level.wireName())
                .put("at", clock.millis());
        return records.saveRisk(conversation, who.id(), level.wireName(), answers, fromHere(answer, socketId), alert)
                .map(result -> answer(result, answer));
    }

    /** Appends a private note to the conversation and echoes it to the counsellor's consoles. */
    Future<JsonObject> note(Counsellor who, String conversation, JsonObject frame, String socketId) {
        String text = Fields.string(frame, "text", Fields.MAX_NOTE_CHARS);
        if (text.isBlank()) {
            throw ProtocolException.invalid("text", "text must not be blank");
        }
        JsonObject note = new JsonObject().put("from", who.displayName()).put("fromAssociation", who.associationId())
                .put("text", text).put("at", clock.millis());
        JsonObject answer = note.copy().put("type", "note").put("conversation", conversation);
        return records.addNote(conversation, who.id(), note, fromHere(answer, socketId)).map(result -> {
            if (result == CaseRecordChange.NOTES_FULL) {
                throw ProtocolException.invalid("text", "this conversation already has "
                        + CaseRecordStore.MAX_NOTES + " notes");
            }
            return answer(result, answer);
        });
    }

    /** Records the outcome tags once, by the counsellor who held the chat last, during or after its end. */
    Future<JsonObject> outcome(Counsellor who, JsonObject frame, String socketId) {
        String conversation = Fields.conversation(frame);
        List<String> tags = Fields.codes(frame, "tags", settings.outcomeTags().ids().size());
        for (String tag : tags) {
            if (!settings.outcomeTags().contains(tag)) {
                throw ProtocolException.invalid("tags", "no outcome tag has the id '" + tag + "'");
            }
        }
        JsonObject answer = new JsonObject().put("type", "outcome_recorded").put("conversation", conversation)
                .put("tags", new JsonArray(tags));
        return records.recordOutcome(conversation, who.id(), tags, fromHere(answer, socketId)).map(result -> {
            if (result == CaseRecordChange.OUTCOME_ALREADY_RECORDED) {
                throw new ProtocolException(ProtocolError.OUTCOME_ALREADY_RECORDED);
            }
            JsonObject recorded = answer(result, answer);
            meters.recorded(tags);
            return recorded;
        });
    }

    /**
     * An event of the counsellor's channel ({@code risk}, {@code note}, {@code outcome_recorded}) for the console
     * {@code socketId}: passed on unless that console sent it, and then it had its answer already.
     */
    static Optional<JsonObject> announced(JsonObject event, String socketId) {
        return socketId.equals(event.remove("origin")) ? Optional.empty() : Optional.of(event);
    }

    /** The answer of a change the store saved; any other result: the chat is not theirs. */
    private static JsonObject answer(CaseRecordChange result, JsonObject answer) {
        if (result != CaseRecordChange.SAVED) {
            throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
        }
        return answer;
    }

    private static JsonObject fromHere(JsonObject answer, String socketId) {
        return answer.copy().put("origin", socketId);
    }

    private static JsonObject encode(CannedReply reply) {
        return new JsonObject().put("id", reply.id()).put("title", reply.title()).put("text", reply.text());
    }

    private static JsonObject encode(RiskChecklist checklist) {
        return new JsonObject()
                .put("questions", new JsonArray(checklist.questions().stream().map(CaseRecordFrames::encode).toList()))
                .put("thresholds", new JsonObject().put("medium", checklist.mediumScore())
                        .put("high", checklist.highScore()));
    }

    private static JsonObject encode(RiskQuestion question) {
        JsonObject texts = new JsonObject();
        question.texts().forEach(texts::put);
        return new JsonObject().put("id", question.id()).put("text", texts).put("weight", question.weight())
                .put("critical", question.critical());
    }

    private static JsonObject encode(OutcomeTagGroup group) {
        return new JsonObject().put("id", group.id()).put("label", group.label())
                .put("tags", new JsonArray(group.tags().stream().map(CaseRecordFrames::encode).toList()));
    }

    private static JsonObject encode(OutcomeTag tag) {
        return new JsonObject().put("id", tag.id()).put("label", tag.label());
    }
}
