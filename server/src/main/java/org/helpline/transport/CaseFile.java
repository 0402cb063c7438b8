package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;

/**
 * Everything counsellors knew about a chat, as the console that opens it is told in {@code assigned}: the conversation
 * (triage, page language), its private notes (transfer notes too), the saved risk checklist, the location the visitor
 * shared and the escalations made. Read again whenever a console starts following a chat, so that a counsellor who
 * receives it by transfer, or reconnects, knows what the previous holder knew.
 */
record CaseFile(ConversationRecord record, List<JsonObject> notes, Optional<JsonObject> risk,
                Optional<String> location, List<JsonObject> escalations) {
    CaseFile {
        notes = List.copyOf(notes);
        escalations = List.copyOf(escalations);
    }

    /** Reads the case file of a conversation; empty when it does not exist (any more). */
    static Future<Optional<CaseFile>> load(String conversation, ConversationStore conversations,
                                           CaseRecordStore records) {
        Future<Optional<ConversationRecord>> found = conversations.find(conversation);
        Future<List<JsonObject>> notes = conversations.notes(conversation);
        Future<Optional<JsonObject>> risk = records.risk(conversation);
        Future<Optional<String>> location = conversations.location(conversation);
        Future<List<JsonObject>> escalations = records.escalations(conversation);
        return Future.all(found, notes, risk, location, escalations).map(loaded -> found.result()
                .map(record -> new CaseFile(record, notes.result(), risk.result(), location.result(),
                        escalations.result())));
    }
}
