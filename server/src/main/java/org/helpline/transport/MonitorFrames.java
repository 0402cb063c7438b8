package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.helpline.auth.Digests;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Counsellor;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.Side;
import org.helpline.domain.SupervisionKind;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.SupervisionOutcome;
import org.helpline.store.SupervisionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code monitor} and {@code unmonitor}: a supervisor reads an active chat as its counsellor does (the transcript
 * from the log, decrypted by the same read path, then live), without writing to it. Starting and stopping are recorded
 * in the chat's case record, under the monitoring's id, and told to its counsellor. Message text is never logged.
 * Shared by every supervisor socket of a node; each call names the socket's {@link MonitoredChats} and where its frames
 * go.
 */
final class MonitorFrames {
    /**
     * How long after its socket closed a monitoring ends, unless the same page (reconnected) asked for it again
     * meanwhile: a page that reconnects adds nothing to the chat's case record.
     */
    static final Duration REJOIN_GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(MonitorFrames.class);
    private final ConversationStore conversations;
    private final EventChannels events;
    private final SupervisionStore supervision;
    private final Clock clock;
    private final Vertx vertx;

    MonitorFrames(Vertx vertx, ConversationStore conversations, EventChannels events, SupervisionStore supervision,
                  Clock clock) {
        this.vertx = vertx;
        this.conversations = conversations;
        this.events = events;
        this.supervision = supervision;
        this.clock = clock;
    }

    /**
     * A monitoring's id: the same for every socket of one page ({@code page}, the id the page made up, else the
     * socket's own) of one supervisor, for one chat; it names neither the chat nor the supervisor.
     */
    static String monitoringId(Counsellor supervisor, String page, String conversation) {
        return Digests.sha256(supervisor.id() + '\n' + page + '\n' + conversation).substring(0, 16);
    }

    /** The chat, when a counsellor holds it; else {@code not_active} saying where it is. */
    static ConversationRecord active(Optional<ConversationRecord> found) {
        return found.filter(chat -> chat.status() == ConversationStatus.ACTIVE && chat.counsellorId().isPresent())
                .orElseThrow(() -> ProtocolException.notActive(found.map(ConversationRecord::status)
                        .orElse(ConversationStatus.ENDED)));
    }

    /**
     * Opens a chat read-only: the {@code monitoring} frame (who holds it, its triage, its supervision entries), every
     * message so far, then each new one, until it ends ({@code monitor_ended}) or the supervisor stops.
     */
    Future<Void> monitor(Counsellor supervisor, JsonObject frame, MonitoredChats watched, Consumer<JsonObject> send) {
        String conversation = Fields.conversation(frame);
        String id = monitoringId(supervisor, Fields.page(frame).orElse(watched.socket()), conversation);
        watched.reserve(conversation, id);
        return conversations.find(conversation)
                .compose(found -> {
                    active(found);
                    return supervision.monitoring(conversation, entry(SupervisionKind.MONITOR, supervisor, id),
                            watched.socket(), supervisor.id())
                            .onFailure(failure -> stopped(supervisor, conversation, id, watched))
                            .compose(outcome -> { // (a failure may come after Redis recorded it: an end follows)
                                recorded(outcome);
                                // recorded, not opened (Redis failed, or the chat moved on): the counsellor must not
                                // go on reading that she is watched
                                return open(supervisor, conversation, id, watched, send).onFailure(failure ->
                                        stopped(supervisor, conversation, id, watched));
                            });
                })
                .onFailure(failure -> watched.stop(conversation));
    }

    /**
     * Subscribes to the chat, then reads it again (and its case record): an end, a return to the queue or a transfer
     * published before the subscription is not lost; one published while the node's pub/sub link is down is read after
     * it comes back ({@link ConversationFeed#afterGap}).
     */
    private Future<Void> open(Counsellor supervisor, String conversation, String id, MonitoredChats watched,
                              Consumer<JsonObject> send) {
        Holder holder = new Holder();
        return ConversationFeed.subscribe(conversation, Side.COUNSELLOR, 0, conversations, events,
                        event -> forward(event, supervisor, id, watched, holder, send))
                .compose(feed -> Future.all(conversations.find(conversation), conversations.notes(conversation))
                        .onFailure(failure -> feed.close())
                        .<Void>map(read -> {
                            ConversationRecord record;
                            try {
                                record = active(read.resultAt(0));
                            } catch (ProtocolException moved) {
                                feed.close(); // ended or back in the queue since: the monitoring's end is recorded
                                throw moved;
                            }
                            if (!watched.opened(conversation, feed)) {
                                stopped(supervisor, conversation, id, watched); // the page closed meanwhile
                                return null;
                            }
                            holder.shown(record);
                            feed.afterGap(state -> afterGap(state, supervisor, id, watched, holder, send));
                            send.accept(new JsonObject().put("type", "monitoring").put("conversation", conversation)
                                    .put("monitoring", id).put("counsellor", record.counsellorName().orElse(null))
                                    .put("association", record.associationId().orElse(null))
                                    .put("triage", TriageFrame.encode(record.triage()))
                                    .put("priority", QueuePriority.classOf(record.triage()).wireName())
                                    .put("startedAt", record.createdAt())
                                    .put("supervision", SupervisionEntries.entries(read.resultAt(1))));
                            feed.open();
                            return null;
                        }));
    }

    /**
     * What a monitored chat's feed passes on: its messages, a transfer, and its end; and the end of the monitoring when
     * the chat goes back to the queue (its counsellor gone): nobody holds it, and a whisper must not reach whoever
     * takes it next without the supervisor knowing.
     */
    private void forward(JsonObject event, Counsellor supervisor, String id, MonitoredChats watched, Holder holder,
                         Consumer<JsonObject> send) {
        String conversation = event.getString("conversation");
        switch (ChatEvent.of(event.getString("type"))) {
            case MESSAGE -> send.accept(event);
            case TRANSFERRED -> {
                holder.moved(event.getJsonObject("counsellor", new JsonObject()));
                send.accept(event);
            }
            case ENDED -> endedHere(conversation, id, watched, send, event.getBoolean("erased", false));
            case REQUEUED -> requeued(supervisor, conversation, id, watched, send);
            default -> {
                // typing, location and presence events are the counsellor's to see
            }
        }
    }

    /** After a gap in the chat's channel: what it would have said of an end, a return to the queue or a transfer. */
    private void afterGap(ConversationRecord state, Counsellor supervisor, String id, MonitoredChats watched,
                          Holder holder, Consumer<JsonObject> send) {
        String conversation = state.id();
        if (state.status() == ConversationStatus.ENDED) {
            endedHere(conversation, id, watched, send, state.erased());
        } else if (state.status() != ConversationStatus.ACTIVE) {
            requeued(supervisor, conversation, id, watched, send);
        } else if (holder.changed(state)) {
            send.accept(new JsonObject().put("type", ChatEvent.TRANSFERRED.wireName())
                    .put("conversation", conversation).put("counsellor", Holder.of(state)));
        }
    }

    /**
     * The chat ended: the monitoring ends with it (nothing to record: the end is the chat's). Erased by its visitor:
     * the supervisor's page removes its text from the screen.
     */
    private static void endedHere(String conversation, String id, MonitoredChats watched, Consumer<JsonObject> send,
                                  boolean erased) {
        if (watched.stop(conversation).isPresent()) {
            JsonObject ended = ended(conversation, id, "ended");
            send.accept(erased ? ended.put("erased", true) : ended);
        }
    }

    private void requeued(Counsellor supervisor, String conversation, String id, MonitoredChats watched,
                          Consumer<JsonObject> send) {
        if (watched.stop(conversation).isPresent()) {
            send.accept(ended(conversation, id, "requeued"));
            stopped(supervisor, conversation, id, watched);
        }
    }

    /** Stops monitoring one chat; recorded and told to its counsellor. */
    Future<Void> unmonitor(Counsellor supervisor, String conversation, MonitoredChats watched,
                           Consumer<JsonObject> send) {
        String id = watched.stop(conversation).orElseThrow(() -> new ProtocolException(ProtocolError.NOT_MONITORING));
        send.accept(ended(conversation, id, "stopped"));
        stopped(supervisor, conversation, id, watched);
        return Future.succeededFuture();
    }

    /**
     * The supervisor's socket closed: each chat it monitored records the end of the monitoring {@link #REJOIN_GRACE}
     * later, unless the page asked for it again meanwhile on another socket (which then holds it).
     */
    void socketClosed(Counsellor supervisor, MonitoredChats watched) {
        watched.close().forEach((conversation, id) -> vertx.setTimer(REJOIN_GRACE.toMillis(), timer ->
                stopped(supervisor, conversation, id, watched)));
    }

    /**
     * Records the end of a monitoring from the socket that held it, again while Redis fails ({@link RedisRetries}):
     * the chat's counsellor must not go on reading that she is watched. An ended chat needs no entry (the store answers
     * so, and that is the end), nor one whose monitoring another socket of the same page took on.
     */
    private void stopped(Counsellor supervisor, String conversation, String id, MonitoredChats watched) {
        JsonObject entry = entry(SupervisionKind.MONITOR_END, supervisor, id);
        String socket = watched.socket();
        // not again once the socket monitors the chat again: a retry would end that new monitoring (the same id)
        RedisRetries.retrying(vertx, LOG, "Recording the end of a monitoring",
                () -> supervision.monitoring(conversation, entry, socket, supervisor.id()),
                () -> !watched.reserved(conversation));
    }

    private JsonObject entry(SupervisionKind kind, Counsellor supervisor, String id) {
        return SupervisionEntries.entry(kind, supervisor, clock.millis()).put("monitoring", id);
    }

    private static JsonObject ended(String conversation, String id, String reason) {
        return new JsonObject().put("type", "monitor_ended").put("conversation", conversation)
                .put("monitoring", id).put("reason", reason);
    }

    /** A supervision entry the store refused: the chat is not active any more, or its record is full. */
    static void recorded(SupervisionOutcome outcome) {
        switch (outcome.result()) {
            case RECORDED, REPEATED, UNCHANGED, ALERTED -> {
            }
            case NOT_ACTIVE, NOT_ASSIGNED -> {
                throw ProtocolException.notActive(outcome.status().orElse(ConversationStatus.ACTIVE));
            }
            case FULL -> throw ProtocolException.invalid("conversation", "this chat's case record is full");
        }
    }

    /** Who holds a monitored chat, as its supervisor was last told. */
    private static final class Holder {
        private JsonObject shown = new JsonObject();

        void shown(ConversationRecord record) {
            shown = of(record);
        }

        void moved(JsonObject counsellor) {
            shown = new JsonObject().put("name", counsellor.getString("name"))
                    .put("association", counsellor.getString("association"));
        }

        /** Whether the chat is held by another than the one told: now told. */
        boolean changed(ConversationRecord record) {
            JsonObject now = of(record);
            boolean changed = !now.equals(shown);
            shown = now;
            return changed;
        }

        private static JsonObject of(ConversationRecord record) {
            return new JsonObject().put("name", record.counsellorName().orElse(null))
                    .put("association", record.associationId().orElse(null));
        }
    }
}
