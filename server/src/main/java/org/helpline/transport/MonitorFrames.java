package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
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
 * in the chat's case record and told to its counsellor. Message text is never logged. Shared by every supervisor
 * socket of a node; each call names the socket's {@link MonitoredChats} and where its frames go.
 */
final class MonitorFrames {
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
     * Opens a chat read-only: the {@code monitoring} frame (who holds it, its triage, its supervision entries), every
     * message so far, then each new one, until it ends ({@code monitor_ended}) or the supervisor stops.
     */
    Future<Void> monitor(Counsellor supervisor, String conversation, MonitoredChats watched,
                         Consumer<JsonObject> send) {
        watched.reserve(conversation);
        return conversations.find(conversation)
                .compose(found -> {
                    ConversationRecord record = found.filter(chat -> chat.status() == ConversationStatus.ACTIVE)
                            .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_ACTIVE));
                    return supervision.record(conversation, SupervisionEntries.entry(SupervisionKind.MONITOR,
                            supervisor, clock.millis()), Optional.empty(), Optional.empty())
                            .compose(outcome -> {
                                recorded(outcome);
                                // recorded, not opened (Redis failed): the counsellor must not go on reading
                                // that she is watched
                                return open(supervisor, record, watched, send).onFailure(failure ->
                                        stopped(supervisor, conversation));
                            });
                })
                .onFailure(failure -> watched.stop(conversation));
    }

    private Future<Void> open(Counsellor supervisor, ConversationRecord record, MonitoredChats watched,
                              Consumer<JsonObject> send) {
        String conversation = record.id();
        return conversations.notes(conversation).compose(notes -> ConversationFeed.subscribe(conversation,
                Side.COUNSELLOR, 0, conversations, events, event -> forward(event, supervisor, watched, send))
                .compose(feed -> {
                    if (!watched.opened(conversation, feed)) {
                        stopped(supervisor, conversation); // the page closed meanwhile
                        return Future.succeededFuture();
                    }
                    send.accept(new JsonObject().put("type", "monitoring").put("conversation", conversation)
                            .put("counsellor", record.counsellorName().orElse(null))
                            .put("association", record.associationId().orElse(null))
                            .put("triage", TriageFrame.encode(record.triage()))
                            .put("priority", QueuePriority.classOf(record.triage()).wireName())
                            .put("startedAt", record.createdAt())
                            .put("supervision", SupervisionEntries.entries(notes)));
                    feed.open();
                    return Future.succeededFuture();
                }));
    }

    /**
     * What a monitored chat's feed passes on: its messages, a transfer, and its end; and the end of the monitoring when
     * the chat goes back to the queue (its counsellor gone): nobody holds it, and a whisper must not reach whoever
     * takes it next without the supervisor knowing.
     */
    private void forward(JsonObject event, Counsellor supervisor, MonitoredChats watched, Consumer<JsonObject> send) {
        String conversation = event.getString("conversation");
        switch (ChatEvent.of(event.getString("type"))) {
            case MESSAGE, TRANSFERRED -> send.accept(event);
            case ENDED -> {
                watched.stop(conversation);
                send.accept(ended(conversation, "ended"));
            }
            case REQUEUED -> {
                if (watched.stop(conversation)) {
                    send.accept(ended(conversation, "requeued"));
                    stopped(supervisor, conversation);
                }
            }
            default -> {
                // typing, location and presence events are the counsellor's to see
            }
        }
    }

    /** Stops monitoring one chat; recorded and told to its counsellor. */
    Future<Void> unmonitor(Counsellor supervisor, String conversation, MonitoredChats watched,
                           Consumer<JsonObject> send) {
        if (!watched.stop(conversation)) {
            throw new ProtocolException(ProtocolError.NOT_MONITORING);
        }
        send.accept(ended(conversation, "stopped"));
        stopped(supervisor, conversation);
        return Future.succeededFuture();
    }

    /** The supervisor's socket closed: each chat it monitored records the end of the monitoring. */
    void socketClosed(Counsellor supervisor, MonitoredChats watched) {
        watched.close().forEach(conversation -> stopped(supervisor, conversation));
    }

    /**
     * Records the end of a monitoring, again while Redis fails ({@link RedisRetries}): the chat's counsellor must not
     * go on reading that she is watched. An ended chat needs no entry (the store answers so, and that is the end).
     */
    private void stopped(Counsellor supervisor, String conversation) {
        long at = clock.millis();
        RedisRetries.retrying(vertx, LOG, "Recording the end of a monitoring", () -> supervision.record(conversation,
                SupervisionEntries.entry(SupervisionKind.MONITOR_END, supervisor, at), Optional.empty(),
                Optional.empty()), () -> true);
    }

    private static JsonObject ended(String conversation, String reason) {
        return new JsonObject().put("type", "monitor_ended").put("conversation", conversation).put("reason", reason);
    }

    /** A supervision entry the store refused: the chat is not active any more, or its record is full. */
    static void recorded(SupervisionOutcome outcome) {
        switch (outcome.result()) {
            case RECORDED, REPEATED -> {
            }
            case NOT_ACTIVE, NOT_ASSIGNED -> throw new ProtocolException(ProtocolError.NOT_ACTIVE);
            case FULL -> throw ProtocolException.invalid("conversation", "this chat's case record is full");
        }
    }
}
