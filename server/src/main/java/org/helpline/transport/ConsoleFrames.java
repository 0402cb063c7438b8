package org.helpline.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import org.helpline.config.Limits;
import org.helpline.domain.Association;
import org.helpline.domain.Availability;
import org.helpline.domain.Counsellor;
import org.helpline.domain.QueuePriority;
import org.helpline.store.ConversationRecord;

/** The shapes of the frames a console is sent about itself and the chats it holds. */
final class ConsoleFrames {
    private ConsoleFrames() {
    }

    /** Why the server set a counsellor away: none of her consoles renewed its lease in time. */
    static final String CONNECTION_LOST = "connection_lost";

    /**
     * The {@code status} frame of a console whose lease lapsed (its node could not renew it in time): its counsellor
     * was set away and her chats given back to the queue; the console reconnects to learn what it holds now. The same
     * as {@code counsellor_gone.lua} publishes.
     */
    static JsonObject setAwayConnectionLost(Optional<String> awayReason) {
        return new JsonObject().put("type", "status").put("status", Availability.AWAY.wireName())
                .put("awayReason", awayReason.orElse(null)).put("reason", CONNECTION_LOST);
    }

    /** The {@code released} frame: {@code reason} transferred, offline or requeued. */
    static JsonObject released(String conversation, String reason) {
        return new JsonObject().put("type", "released").put("conversation", conversation).put("reason", reason);
    }

    /**
     * The {@code welcome} frame, before the case record settings are added; with the largest frame the socket takes,
     * so that the console refuses a longer reply before sending it.
     */
    static JsonObject welcome(Counsellor counsellor, Association association, Availability availability,
                              Set<String> held, Limits limits) {
        return new JsonObject().put("type", "welcome")
                .put("counsellor", new JsonObject().put("id", counsellor.id())
                        .put("name", counsellor.displayName())
                        .put("association", counsellor.associationId())
                        .put("associationName", association.name()))
                .put("status", availability.wireName())
                .put("capacity", counsellor.capacity())
                .put("canPick", association.allowPick())
                .put("conversations", new JsonArray(new ArrayList<>(held)))
                .put("maxFrameBytes", limits.maxFrameBytes());
    }

    /**
     * The {@code assigned} frame that opens a held chat on the console: triage, the page's language, notes, the
     * supervision entries of its case record, the saved risk, the shared location and the escalations made.
     */
    static JsonObject assigned(CaseFile file) {
        ConversationRecord record = file.record();
        return new JsonObject().put("type", "assigned")
                .put("conversation", record.id())
                .put("triage", TriageFrame.encode(record.triage()))
                .put("pageLanguage", record.pageLanguage().orElse(null))
                .put("priority", QueuePriority.classOf(record.triage()).wireName())
                .put("startedAt", record.createdAt())
                .put("status", record.status().wireName())
                .put("notes", SupervisionEntries.notes(file.notes()))
                .put("supervision", SupervisionEntries.entries(file.notes()))
                .put("risk", file.risk().orElse(null))
                .put("location", file.location().orElse(null))
                .put("escalations", new JsonArray(new ArrayList<>(file.escalations())));
    }

    /** The {@code visitor_presence} frame of a held chat whose visitor is away, if they are. */
    static Optional<JsonObject> visitorAway(ConversationRecord record) {
        return record.visitorAway().map(reason -> new JsonObject().put("type", "visitor_presence")
                .put("conversation", record.id()).put("present", false).put("reason", reason)
                .put("at", record.visitorAwaySince()));
    }
}
