package org.helpline.store;

import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.Assignment;
import org.helpline.domain.OfferRelease;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.Triage;
import org.helpline.domain.WaitingConversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The waiting queue, the atomic claim that takes a conversation out of it, offers, and transfers. */
public final class QueueStore {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStore.class);
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final RoutingSettings routing;
    private final TranscriptCipher cipher;

    /** {@code cipher} opens the triage region and seals transfer notes. */
    public QueueStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts, Clock clock,
                      RoutingSettings routing, TranscriptCipher cipher) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.routing = routing;
        this.cipher = cipher;
    }

    /** The first {@code limit} waiting conversations in queue order, with triage, step and recent refusals. */
    public Future<List<WaitingConversation>> head(int limit) {
        return slice(0, limit);
    }

    /** The {@code limit} waiting conversations from rank {@code from} on (0 is the head), read as the head is. */
    public Future<List<WaitingConversation>> slice(int from, int limit) {
        return entries(Keys.QUEUE, from, limit, "");
    }

    /**
     * The {@code limit} longest waiting of the chats offered to a counsellor who has not accepted yet (the queue does
     * not hold them: the dashboard counts them as waiting); their score is their arrival. A chat read there that is not
     * offered any more leaves the set.
     */
    public Future<List<WaitingConversation>> offered(int limit) {
        return entries(Keys.OFFERED_CONVERSATIONS, 0, limit, "offered");
    }

    public Future<Long> offeredCount() {
        return bridge.toFuture(commands.zcard(Keys.OFFERED_CONVERSATIONS));
    }

    /**
     * {@code limit} members of a set from rank {@code from}, read as the queue is; {@code onlyStatus}: '' or the status
     * all must have.
     */
    private Future<List<WaitingConversation>> entries(String set, int from, int limit, String onlyStatus) {
        return scripts.text(Scripts.QUEUE_HEAD.call().key("queue", set).arg("from", from).arg("limit", limit)
                        .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX).arg("onlyStatus", onlyStatus))
                .map(json -> {
                    List<WaitingConversation> head = new ArrayList<>();
                    for (Object item : new JsonArray(json)) {
                        JsonObject entry = (JsonObject) item;
                        Set<String> excluded = new HashSet<>();
                        Object refused = entry.getValue("excluded");
                        if (refused instanceof JsonArray ids) {
                            ids.forEach(id -> excluded.add((String) id));
                        }
                        // one this node cannot read is passed over: a node with its key routes it
                        readableTriage(entry).ifPresent(triage -> head.add(new WaitingConversation(
                                entry.getString("id"), entry.getDouble("score"), entry.getLong("createdAt"), triage,
                                entry.getInteger("step"), excluded)));
                    }
                    return head;
                });
    }

    /**
     * The triage of a queue entry; empty, with a warning (naming the key, at most every few seconds), when it was
     * sealed under a data key this node lacks, so that one such chat does not stop the reading of all the others
     * (docs/privacy.md).
     */
    private Optional<Triage> readableTriage(JsonObject entry) {
        try {
            return Optional.of(ConversationRecord.triage(cipher.opened(entry, "region")));
        } catch (UnreadableTranscript unreadable) {
            FailureLog.warnAWhile(LOG, "A waiting chat this node cannot read: " + unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Where each of these conversations is now, in one round trip. */
    public Future<List<QueuedConversation>> positions(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return scripts.text(Scripts.QUEUE_POSITIONS.call().key("queue", Keys.QUEUE)
                        .keys("conversations", ids.stream().map(Keys::conversation).toList())
                        .keys("excluded", ids.stream().map(Keys::excluded).toList())
                        .args("conversationIds", ids))
                .map(json -> {
                    Instant now = clock.instant();
                    List<QueuedConversation> states = new ArrayList<>();
                    for (Object item : new JsonArray(json)) {
                        JsonObject entry = (JsonObject) item;
                        String pageLanguage = entry.getString("pageLanguage", "");
                        Map<String, Instant> excludedUntil = new HashMap<>(); // by this node's clock: now + left
                        entry.getJsonObject("excludedLeft", new JsonObject()).forEach(left -> excludedUntil.put(
                                left.getKey(), now.plusMillis(((Number) left.getValue()).longValue())));
                        // one this node cannot read is still told her place, as if she had said nothing of her need
                        states.add(new QueuedConversation(entry.getString("id"), entry.getLong("rank"),
                                entry.getLong("createdAt"), readableTriage(entry).orElse(Triage.none()),
                                entry.getInteger("step"), Optional.of(pageLanguage).filter(code -> !code.isEmpty()),
                                excludedUntil));
                    }
                    return states;
                });
    }

    /**
     * A conversation's place in the queue ({@code rank} -1 when not waiting), what overflow checks need (with when the
     * cool-down of each counsellor who declined it or let its offer expire ends), and the language of the visitor's
     * page (what she is shown the lines open now in when her triage gives none).
     */
    public record QueuedConversation(String id, long rank, long createdAt, Triage triage, int step,
                                     Optional<String> pageLanguage, Map<String, Instant> excludedUntil) {
        public QueuedConversation {
            excludedUntil = Map.copyOf(excludedUntil);
        }

        /** The counsellors who may not be offered it at {@code now} (their cool-down runs), as routing sees them. */
        public Set<String> excludedAt(Instant now) {
            if (excludedUntil.isEmpty()) {
                return Set.of();
            }
            Set<String> excluded = new HashSet<>();
            excludedUntil.forEach((counsellor, until) -> {
                if (until.isAfter(now)) {
                    excluded.add(counsellor);
                }
            });
            return excluded;
        }
    }

    /** Atomically offers or assigns the conversation to the counsellor (see {@link ClaimOutcome}). */
    public Future<ClaimOutcome> claim(Assignment assignment, RoutingMode mode) {
        return claim(assignment, mode.wireName());
    }

    /** The counsellor takes the conversation from the waiting list: assigned at once, even while away. */
    public Future<ClaimOutcome> pick(Assignment assignment) {
        return claim(assignment, "pick");
    }

    private Future<ClaimOutcome> claim(Assignment assignment, String mode) {
        String conversation = assignment.conversationId();
        String counsellor = assignment.counsellorId();
        return scripts.list(Scripts.CLAIM_CONVERSATION.call().key("conversation", Keys.conversation(conversation))
                        .key("queue", Keys.QUEUE).key("counsellor", Keys.counsellor(counsellor))
                        .key("consoles", Keys.consoles(counsellor))
                        .key("counsellorConversations", Keys.counsellorConversations(counsellor))
                        .key("counsellorOffers", Keys.counsellorOffers(counsellor))
                        .key("activeConversations", Keys.ACTIVE_CONVERSATIONS).key("deadlines", Keys.DEADLINES)
                        .key("deadlineStats", Keys.DEADLINE_STATS).key("recentAssignments", Keys.RECENT_ASSIGNMENTS)
                        .key("excluded", Keys.excluded(conversation)).key("waits", Keys.WAITS)
                        .key("wrapUp", Keys.wrapUp(counsellor))
                        .key("offeredConversations", Keys.OFFERED_CONVERSATIONS)
                        .arg("conversationId", conversation).arg("counsellorId", counsellor).arg("mode", mode)
                        .arg("acceptTimeout", routing.acceptTimeout().toMillis())
                        .arg("conversationChannel", Keys.conversationChannel(conversation))
                        .arg("counsellorChannel", Keys.counsellorChannel(counsellor)))
                .map(reply -> new ClaimOutcome(ClaimOutcome.Result.fromScript((String) reply.get(0)),
                        reply.size() > 1 ? ((Number) reply.get(1)).longValue() : 0));
    }

    /** The counsellor accepts the chat offered to them. */
    public Future<AcceptOutcome> accept(String conversation, String counsellor) {
        return scripts.text(Scripts.ACCEPT_OFFER.call().key("conversation", Keys.conversation(conversation))
                .key("counsellor", Keys.counsellor(counsellor))
                .key("counsellorConversations", Keys.counsellorConversations(counsellor))
                .key("counsellorOffers", Keys.counsellorOffers(counsellor))
                .key("activeConversations", Keys.ACTIVE_CONVERSATIONS).key("deadlines", Keys.DEADLINES)
                .key("deadlineStats", Keys.DEADLINE_STATS).key("recentAssignments", Keys.RECENT_ASSIGNMENTS)
                .key("waits", Keys.WAITS).key("offeredConversations", Keys.OFFERED_CONVERSATIONS)
                .arg("conversationId", conversation).arg("counsellorId", counsellor)
                .arg("conversationChannel", Keys.conversationChannel(conversation))
                .arg("counsellorChannel", Keys.counsellorChannel(counsellor)))
                .map(reply -> switch (reply) {
                    case "ok" -> AcceptOutcome.ACCEPTED;
                    case "gone" -> AcceptOutcome.GONE;
                    default -> throw new IllegalStateException("accept_offer answered " + reply);
                });
    }

    /**
     * An offer ends unaccepted, declined by the counsellor or expired; the chat goes back to the queue.
     */
    public Future<ReleaseOutcome> release(String conversation, String counsellor, long offerVersion,
                                          OfferRelease reason) {
        return scripts.list(Scripts.RELEASE_OFFER.call().key("conversation", Keys.conversation(conversation))
                        .key("queue", Keys.QUEUE).key("counsellor", Keys.counsellor(counsellor))
                        .key("counsellorOffers", Keys.counsellorOffers(counsellor))
                        .key("availableCounsellors", Keys.AVAILABLE_COUNSELLORS).key("deadlines", Keys.DEADLINES)
                        .key("deadlineStats", Keys.DEADLINE_STATS).key("excluded", Keys.excluded(conversation))
                        .key("offeredConversations", Keys.OFFERED_CONVERSATIONS)
                        .arg("conversationId", conversation).arg("counsellorId", counsellor)
                        .arg("reason", reason.wireName())
                        .arg("offerVersion", offerVersion).arg("cooldown", routing.declineCooldown().toMillis())
                        .arg("missedAllowed", routing.maxMissedOffers())
                        .arg("counsellorChannel", Keys.counsellorChannel(counsellor))
                        .arg("routingChannel", Keys.ROUTING_CHANNEL))
                .map(reply -> switch ((String) reply.get(0)) {
                    case "ok" -> ((Number) reply.get(1)).longValue() == 1
                            ? ReleaseOutcome.REQUEUED_COUNSELLOR_SET_AWAY : ReleaseOutcome.REQUEUED;
                    case "gone" -> ReleaseOutcome.GONE;
                    case "already" -> ReleaseOutcome.ALREADY_FIRED;
                    default -> throw new IllegalStateException("release_offer answered " + reply.get(0));
                });
    }

    /**
     * Hands an active chat to another counsellor with an optional internal note ({@code ""}: none), which counts among
     * the chat's notes: when they are full, nothing moves ({@link TransferOutcome#NOTES_FULL}).
     */
    public Future<TransferOutcome> transfer(String conversation, String from, String to, String noteJson) {
        return handOver(conversation, from, to, noteJson, "notesCount", true, "");
    }

    /**
     * A supervisor takes an active chat over: it moves to her as a transfer does, with her {@code takeover} entry kept
     * among the chat's supervision entries while they have room (a takeover is never refused for want of it), and
     * {@code holderEvent} ({@link SupervisionStore#holderEvent}) told to the consoles of the counsellor who held it, in
     * the same step.
     */
    public Future<TransferOutcome> takeOver(String conversation, String holder, String supervisor, String entryJson,
                                            String holderEvent) {
        return handOver(conversation, holder, supervisor, entryJson, "supervisionCount", false, holderEvent);
    }

    private Future<TransferOutcome> handOver(String conversation, String from, String to, String noteJson,
                                             String noteCounter, boolean noteNeedsRoom, String giverEvent) {
        return scripts.text(Scripts.TRANSFER_CONVERSATION.call().key("conversation", Keys.conversation(conversation))
                .key("giverConversations", Keys.counsellorConversations(from)).key("receiver", Keys.counsellor(to))
                .key("receiverConsoles", Keys.consoles(to))
                .key("receiverConversations", Keys.counsellorConversations(to))
                .key("receiverOffers", Keys.counsellorOffers(to)).key("notes", Keys.notes(conversation))
                .arg("conversationId", conversation).arg("giverId", from).arg("receiverId", to)
                .arg("note", noteJson.isEmpty() ? "" : cipher.seal(noteJson))
                .arg("conversationChannel", Keys.conversationChannel(conversation))
                .arg("giverChannel", Keys.counsellorChannel(from)).arg("receiverChannel", Keys.counsellorChannel(to))
                .arg("routingChannel", Keys.ROUTING_CHANNEL).arg("noteCounter", noteCounter)
                .arg("maxNotes", CaseRecordStore.MAX_NOTES).arg("noteNeedsRoom", noteNeedsRoom)
                .arg("giverEvent", giverEvent))
                .map(TransferOutcome::fromScript);
    }

    /** Zero-based position of the conversation in the queue, or -1 when it is not waiting. */
    public Future<Long> position(String conversation) {
        return bridge.toFuture(commands.zrank(Keys.QUEUE, conversation)).map(rank -> rank == null ? -1L : rank);
    }

    /** Assignments made in the last {@code window}, for throughput. */
    public Future<Long> assignedWithin(Duration window) {
        long now = clock.millis();
        return bridge.toFuture(commands.zcount(Keys.RECENT_ASSIGNMENTS,
                Range.create((double) (now - window.toMillis()), Double.POSITIVE_INFINITY)));
    }

    public Future<Long> waitingCount() {
        return bridge.toFuture(commands.zcard(Keys.QUEUE));
    }

    public Future<Long> activeCount() {
        return bridge.toFuture(commands.scard(Keys.ACTIVE_CONVERSATIONS));
    }
}
