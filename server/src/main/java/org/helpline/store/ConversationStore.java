package org.helpline.store;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helpline.config.Limits;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Side;

/**
 * Conversations and their transcripts in Redis: append exactly once, read back, end. A visitor's start creates them
 * ({@link ChatStartStore}).
 */
public final class ConversationStore {
    private final RedisLanes lanes;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final Duration retention;
    /** After a chat a counsellor held ends, how long they get no new chat (console.yaml {@code wrapUpSeconds}). */
    private final Duration wrapUp;
    private final Limits limits;
    private final TranscriptCipher cipher;
    private final StatisticsCounters statistics;

    /**
     * {@code cipher} seals the message texts, the shared location and the triage region stored in Redis, and opens
     * the resume code sealed at the start ({@link ChatStartStore}).
     */
    public ConversationStore(RedisLanes lanes, RedisBridge bridge, Scripts scripts, Clock clock,
                             Duration retention, Duration wrapUp, Limits limits,
                             TranscriptCipher cipher, StatisticsCounters statistics) {
        this.lanes = lanes;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.retention = retention;
        this.wrapUp = wrapUp;
        this.limits = limits;
        this.cipher = cipher;
        this.statistics = statistics;
    }

    public Future<Optional<ConversationRecord>> find(String id) {
        return bridge.toFuture(lane(id).hgetall(Keys.conversation(id)))
                .map(hash -> hash.isEmpty() ? Optional.empty() : Optional.of(ConversationRecord.fromHash(id,
                        cipher.openedOrWithout(cipher.opened(hash, "region"), "resumeCodeSealed"))));
    }

    /**
     * Appends a message once per (side, client id). The message is acknowledged only when this future succeeds, that
     * is once Redis holds it; the script also publishes it to the conversation's channel.
     */
    public Future<AppendResult> append(String conversationId, Side from, String counsellorId, String clientId,
                                       String text) {
        return scripts.text(Scripts.APPEND_MESSAGE.call().key("conversation", Keys.conversation(conversationId))
                        .key("log", Keys.log(conversationId)).key("clientIds", Keys.clientIds(conversationId))
                        .arg("conversationId", conversationId).arg("from", from.wireName())
                        .arg("counsellorId", counsellorId == null ? "" : counsellorId).arg("clientId", clientId)
                        .arg("text", cipher.seal(text)).arg("at", clock.millis())
                        .arg("conversationChannel", Keys.conversationChannel(conversationId))
                        .arg("perMinute", limits.messagesPerMinutePerConversation())
                        .arg("limit", limits.messagesPerConversation())
                        .arg("bytes", limits.visitorBytesPerConversation()))
                .map(ConversationStore::appendResult);
    }

    private static AppendResult appendResult(String reply) {
        int colon = reply.indexOf(':');
        String kind = reply.substring(0, colon);
        String value = reply.substring(colon + 1);
        return switch (kind) {
            case "ok" -> new AppendResult.Stored(Long.parseLong(value), false);
            case "dup" -> new AppendResult.Stored(Long.parseLong(value), true);
            default -> new AppendResult.Refused(switch (value) {
                case "missing" -> AppendResult.Refusal.MISSING;
                case "ended" -> AppendResult.Refusal.ENDED;
                case "not_assigned" -> AppendResult.Refusal.NOT_ASSIGNED;
                case "full" -> AppendResult.Refusal.CONVERSATION_FULL;
                case "rate_limited" -> AppendResult.Refusal.RATE_LIMITED;
                default -> throw new IllegalStateException("append_message answered " + reply);
            });
        };
    }

    /**
     * Counts a resume of the conversation in the current minute (60 s from the first) and answers the count. The
     * expiry is set after each count unless the key has one (EXPIRE NX, Redis 7): a count is never left without it.
     */
    public Future<Long> countResume(String conversationId) {
        String key = Keys.resumes(conversationId);
        Future<Long> count = bridge.toFuture(lane(conversationId).incr(key));
        lane(conversationId).expire(key, Duration.ofMinutes(1), ExpireArgs.Builder.nx());
        return count;
    }

    /**
     * The sequence number under which the message of {@code from} with this client id was stored, if it was (none
     * once the transcript is erased or has expired). Reads only: a resend's answer about a chat no longer followed.
     */
    public Future<Optional<Long>> storedSeq(String conversationId, Side from, String clientId) {
        return bridge.toFuture(lane(conversationId).hget(Keys.clientIds(conversationId),
                        from.wireName() + ":" + clientId))
                .map(seq -> Optional.ofNullable(seq).map(Long::parseLong));
    }

    /**
     * The messages with a sequence number above {@code afterSeq}, in order, decrypted (message frames): at most
     * {@code count} of them.
     */
    public Future<List<JsonObject>> messagesAfter(String conversationId, long afterSeq, int count) {
        long from = Math.max(0, afterSeq);
        return bridge.toFuture(lane(conversationId).lrange(Keys.log(conversationId), from, from + count - 1))
                .map(entries -> entries.stream().map(entry -> readable(new JsonObject(entry))).toList());
    }

    /**
     * An event of the conversation's channel as a socket may deliver it: the text of a message and a shared location
     * decrypted (scripts publish what they store, sealed). Fails with {@link UnreadableTranscript} when this node lacks
     * the key.
     */
    public JsonObject readable(JsonObject event) {
        return cipher.opened(cipher.opened(event, "text"), "location");
    }

    /**
     * Ends the conversation if it is not ended yet. {@code expectedHolder} is the counsellor the caller believes holds
     * it or is offered it (empty when waiting); a stale belief changes nothing ({@code STALE_HOLDER}).
     */
    public Future<EndOutcome> end(String conversationId, Side by, Optional<String> expectedHolder) {
        String holder = expectedHolder.orElse("");
        return end(conversationId, by.wireName(), holder, holder.isEmpty() ? "" : Keys.counsellorChannel(holder),
                "end");
    }

    /**
     * Ends the conversation on the visitor's behalf, whoever holds it now. When the visitor's socket believes nobody
     * holds it (no counsellor shown to it since it last waited), the end is tried at once as such, and the holder read
     * only when that was wrong (the script ends nothing then: an offer, or an assignment not yet seen); otherwise the
     * holder is read first.
     */
    public Future<EndOutcome> endByVisitor(String conversationId, boolean believedUnheld) {
        String by = Side.VISITOR.wireName();
        if (!believedUnheld) {
            return endForVisitor(conversationId, by, "end");
        }
        return end(conversationId, by, "", "", "end").compose(result -> result == EndOutcome.NotEnded.STALE_HOLDER
                ? endForVisitor(conversationId, by, "end") : Future.succeededFuture(result));
    }

    /**
     * What became of a conversation this counsellor's console showed before it reconnected, and that she no longer
     * holds: erased by its visitor ("delete my conversation now") or expired, ended while hers, or moved on without
     * her. A console that was away when it happened must still be told, each the right way.
     */
    public Future<ChatLeftBehind> leftBehind(String id, String counsellorId) {
        return bridge.toFuture(lane(id).hmget(Keys.conversation(id), "status", "counsellor", "erased", "endedBy"))
                .map(values -> {
                    boolean exists = values.get(0).hasValue();
                    // erased whoever held it last: every screen that showed it wipes it
                    if (!exists || values.get(2).hasValue()) {
                        return ChatLeftBehind.Standing.ERASED;
                    }
                    boolean held = values.get(1).hasValue(); // a chat back in the queue is nobody's, ended or not
                    boolean theirs = held && counsellorId.equals(values.get(1).getValue());
                    String status = values.get(0).getValue();
                    if (theirs && ConversationStatus.ENDED.wireName().equals(status)) {
                        return new ChatLeftBehind.EndedWithHer(values.get(3).getValueOrElse(Side.VISITOR.wireName()));
                    }
                    if (theirs && ConversationStatus.ACTIVE.wireName().equals(status)) {
                        return ChatLeftBehind.Standing.STILL_HERS;
                    }
                    return held ? ChatLeftBehind.Standing.WITH_ANOTHER : ChatLeftBehind.Standing.BACK_IN_QUEUE;
                });
    }

    /**
     * The visitor's hold ran out while they were away: the conversation ends ({@code by: "timeout"}) unless they came
     * back first ({@code VISITOR_CAME_BACK}).
     */
    public Future<EndOutcome> holdExpired(String conversationId) {
        return endForVisitor(conversationId, "timeout", "hold");
    }

    /**
     * The start deadline fired: no socket of the visitor ever attached (the answer to the start was lost), so nobody
     * can continue the conversation; it is erased as {@link #abandon} does, unless a socket attached meanwhile.
     */
    public Future<EndOutcome> startUndelivered(String conversationId) {
        return endForVisitor(conversationId, "timeout", "undelivered");
    }

    /**
     * "Delete my conversation now": ends it if needed (as the visitor) and erases its transcript at once, keeping only
     * the anonymous tombstone (status, counsellor, association, times, outcome, {@code erased}).
     */
    public Future<EndOutcome> erase(String conversationId) {
        return endForVisitor(conversationId, Side.VISITOR.wireName(), "erase");
    }

    /**
     * Erases, as {@link #erase} does, a conversation whose visitor never received its secret (the socket went before
     * {@code started}): nobody can continue it, and it is not counted as a chat anywhere (statistics, endings, waits).
     */
    public Future<EndOutcome> abandon(String conversationId) {
        return endForVisitor(conversationId, Side.VISITOR.wireName(), "abandon");
    }

    private Future<EndOutcome> endForVisitor(String id, String by, String mode) {
        return find(id).compose(found -> {
            Optional<String> holder = found.flatMap(ConversationRecord::holder);
            Optional<String> told = holder.or(() -> "erase".equals(mode)
                    ? found.flatMap(ConversationRecord::counsellorId) : Optional.empty());
            return end(id, by, holder.orElse(""), told.map(Keys::counsellorChannel).orElse(""), mode)
                    .compose(result -> result == EndOutcome.NotEnded.STALE_HOLDER ? endForVisitor(id, by, mode)
                            : Future.succeededFuture(result));
        });
    }

    private Future<EndOutcome> end(String id, String by, String holder, String holderChannel, String mode) {
        Instant now = clock.instant();
        return scripts.text(Scripts.END_CONVERSATION.call().key("conversation", Keys.conversation(id))
                .key("log", Keys.log(id)).key("clientIds", Keys.clientIds(id)).key("queue", Keys.QUEUE)
                .key("activeConversations", Keys.ACTIVE_CONVERSATIONS)
                .key("holderConversations",
                        holder.isEmpty() ? Keys.conversation(id) : Keys.counsellorConversations(holder))
                .key("holderOffers", holder.isEmpty() ? Keys.conversation(id) : Keys.counsellorOffers(holder))
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .key("notes", Keys.notes(id)).key("excluded", Keys.excluded(id))
                .key("endingCounts", statistics.endingCounts(now))
                .key("waits", Keys.WAITS).key("expiringTranscripts", Keys.EXPIRING_TRANSCRIPTS)
                .key("diskPurgeOwed", Keys.DISK_PURGE_OWED).key("statistics", statistics.key(now))
                .key("holderWrapUp", holder.isEmpty() ? Keys.conversation(id) : Keys.wrapUp(holder))
                .key("conversationClient", Keys.conversationClient(id)).key("sockets", Keys.visitorSockets(id))
                .key("offeredConversations", Keys.OFFERED_CONVERSATIONS).arg("conversationId", id).arg("endedBy", by)
                .arg("expectedHolder", holder)
                .arg("endedAt", now.toEpochMilli()).arg("retention", retention.toSeconds())
                .arg("conversationChannel", Keys.conversationChannel(id)).arg("holderChannel", holderChannel)
                .arg("routingChannel", Keys.ROUTING_CHANNEL).arg("holdDeadline", Deadline.hold(id).member())
                .arg("mode", mode).arg("resumeCodePrefix", Keys.RESUME_CODE_PREFIX)
                .arg("serviceLevel", statistics.serviceLevel().toMillis())
                .arg("statisticsKept", statistics.keptSeconds(now)).arg("wrapUp", wrapUp.toMillis())
                .arg("startDeadline", Deadline.start(id).member())
                .arg("clientKeyPrefix", Keys.CLIENT_PREFIX))
                .map(EndOutcome::fromScript);
    }

    /** Remembers that the visitor took one of the hotlines shown to them, while the chat is open. */
    public Future<Void> redirected(String conversationId, String hotlineId) {
        return updateOpen(conversationId, "", "", List.of("redirectedAt", Long.toString(clock.millis()),
                "redirectedTo", hotlineId)).mapEmpty();
    }

    /**
     * A line of the directory was shown to the visitor after her start, which had none open for her need: records when
     * ({@code alternativesAt}), if no line was recorded before and the chat is open, so that leaving unanswered counts
     * as after an alternative. True when recorded; false (nothing written) otherwise.
     */
    public Future<Boolean> linesShown(String conversationId) {
        return scripts.integer(Scripts.LINES_SHOWN.call().key("conversation", Keys.conversation(conversationId))
                        .arg("shownAt", clock.millis()))
                .map(written -> written == 1L);
    }

    /**
     * Sets fields of a conversation still open, and tells {@code event} on {@code channel} ({@code ""}: nobody) in the
     * same step; false (nothing written or told) when it has ended or is gone.
     */
    private Future<Boolean> updateOpen(String conversationId, String channel, String event,
                                       List<String> fieldsAndValues) {
        return scripts.integer(Scripts.UPDATE_OPEN_CONVERSATION.call()
                        .key("conversation", Keys.conversation(conversationId)).arg("channel", channel)
                        .arg("event", event).args("fieldsAndValues", fieldsAndValues))
                .map(written -> written == 1L);
    }

    /**
     * Stores the place the visitor chose to share (after their explicit consent) with the conversation, so it expires
     * with it, and shows it to the counsellor. False (nothing stored) when the conversation has ended or is gone.
     */
    public Future<Boolean> shareLocation(String conversationId, String location) {
        String sealed = cipher.seal(location);
        String event = new JsonObject().put("type", "location_shared").put("conversation", conversationId)
                .put("location", sealed).encode();
        return updateOpen(conversationId, Keys.conversationChannel(conversationId), event,
                List.of("location", sealed));
    }

    /** The place the visitor shared, if they did. */
    public Future<Optional<String>> location(String conversationId) {
        return bridge.toFuture(lane(conversationId).hget(Keys.conversation(conversationId), "location"))
                .map(stored -> Optional.ofNullable(stored).map(cipher::open));
    }

    /** Asks the visitor (on whichever node holds them) whether they want to share a location. */
    public Future<Void> requestLocation(String conversationId) {
        return publish(conversationId, new JsonObject().put("type", "location_request")
                .put("conversation", conversationId));
    }

    /** The command connection this conversation's work goes on. */
    private RedisAsyncCommands<String, String> lane(String conversationId) {
        return lanes.ofConversation(conversationId);
    }

    private Future<Void> publish(String conversationId, JsonObject event) {
        return bridge.toFuture(lane(conversationId).publish(Keys.conversationChannel(conversationId), event.encode()))
                .mapEmpty();
    }

    /** The internal notes left with the conversation by counsellors (on transfer, or private), oldest first. */
    public Future<List<JsonObject>> notes(String conversationId) {
        return bridge.toFuture(lane(conversationId).lrange(Keys.notes(conversationId), 0, -1))
                .map(entries -> entries.stream().map(entry -> new JsonObject(cipher.open(entry))).toList());
    }

    /** Tells the other side that someone is typing: published, never stored. */
    public Future<Void> typing(String conversationId, Side from) {
        return publish(conversationId, new JsonObject().put("type", ChatEvent.TYPING.wireName())
                .put("conversation", conversationId).put("from", from.wireName()));
    }
}
