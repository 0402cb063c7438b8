package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.helpline.domain.Association;
import org.helpline.domain.ConversationStatus;
import org.helpline.store.ConversationRecord;

/** The shapes of the frames a visitor is sent about their conversation and who answers it. */
final class VisitorFrames {
    private final Map<String, Association> associations;

    VisitorFrames(Map<String, Association> associations) {
        this.associations = Map.copyOf(associations);
    }

    /** Who answers, as the visitor sees them: a first name and the association's name. */
    JsonObject counsellor(String name, String associationId) {
        Association association = associations.get(associationId);
        return new JsonObject().put("name", name).put("association", associationId)
                .put("associationName", association == null ? "" : association.name());
    }

    /** An {@code assigned} or {@code transferred} event with the association's name added. */
    JsonObject named(JsonObject event) {
        JsonObject who = event.getJsonObject("counsellor", new JsonObject());
        return event.copy().put("counsellor", counsellor(who.getString("name", ""), who.getString("association", "")));
    }

    /**
     * The {@code resumed} header; {@code newSecret} is given after a resume by code, null otherwise. An ended chat says
     * who ended it ({@code endedBy}): its {@code ended} frame came while the visitor was away, often the hold's end.
     */
    JsonObject resumed(ConversationRecord record, String newSecret) {
        JsonObject resumed = new JsonObject().put("type", "resumed").put("conversation", record.id())
                .put("status", visible(record.status())).put("lastSeq", record.lastSeq());
        if (newSecret != null) {
            resumed.put("resumeSecret", newSecret);
        }
        if (record.status() == ConversationStatus.ENDED) {
            record.endedBy().ifPresent(by -> resumed.put("endedBy", by));
        }
        record.counsellorName().ifPresent(name -> resumed.put("counsellor",
                counsellor(name, record.associationId().orElse(""))));
        return resumed;
    }

    /** A visitor is not told about offers: an offered chat is still waiting for them. */
    private static String visible(ConversationStatus status) {
        return (status == ConversationStatus.OFFERED ? ConversationStatus.WAITING : status).wireName();
    }
}
