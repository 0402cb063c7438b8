package org.helpline.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.domain.Counsellor;
import org.helpline.domain.SupervisionKind;

/**
 * The supervision entries of a chat's case record, {@code {"kind", "from", "fromAssociation", "at"}} and, for a
 * whisper, its {@code text}; for a takeover, {@code "previous"} names the counsellor who held the chat; a monitoring's
 * start and end carry its id ({@code "monitoring"}), so that an end closes that monitoring, not another of the same
 * name. They are kept in the list of the chat's private notes and told apart from notes by their {@code kind}.
 */
final class SupervisionEntries {
    private SupervisionEntries() {
    }

    /** An entry: {@code who} did {@code kind} at {@code at} (ms). */
    static JsonObject entry(SupervisionKind kind, Counsellor who, long at) {
        return new JsonObject().put("kind", kind.wireName()).put("from", who.displayName())
                .put("fromAssociation", who.associationId()).put("at", at);
    }

    /** The private notes (and transfer notes) of a chat's notes list, without its supervision entries. */
    static JsonArray notes(List<JsonObject> notesAndEntries) {
        return new JsonArray(notesAndEntries.stream().filter(note -> !note.containsKey("kind")).toList());
    }

    /** The supervision entries of a chat's notes list, oldest first. */
    static JsonArray entries(List<JsonObject> notesAndEntries) {
        return new JsonArray(notesAndEntries.stream().filter(note -> note.containsKey("kind")).toList());
    }
}
