package org.helpline.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.Assignment;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.WaitingConversation;

/** The waiting queue, the atomic claim that takes a conversation out of it, offers, and transfers. */
public final class QueueStore {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final RoutingSettings routing;

    public QueueStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts, Clock clock,
                      RoutingSettings routing) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.routing = routing;
    }

    /** The first {@code limit} waiting conversations in queue order, with triage, step and recent refusals. */
    public Future<List<WaitingConversation>> head(int limit, ConversationStore conversations) {
        return bridge.toFuture(commands.zrangeWithScores(Keys.QUEUE, 0, limit - 1L)).compose(entries -> {
            long now = clock.millis();
            List<Future<WaitingConversation>> lookups = new ArrayList<>();
            for (ScoredValue<String> entry : entries) {
                String id = entry.getValue();
                Future<List<String>> excluded = bridge.toFuture(commands.zrangebyscore(Keys.excluded(id),
                        Range.create((double) now, Double.POSITIVE_INFINITY)));
                lookups.add(conversations.find(id).compose(found -> excluded.map(refused -> found
                        .map(record -> new WaitingConversation(id, entry.getScore(), record.createdAt(), record.triage(),
                                record.step(), new HashSet<>(refused)))
                        .orElse(null))));
            }
            return Future.all(lookups).map(all -> lookups.stream().map(Future::result)
                    .filter(Objects::nonNull).toList());
        });
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
        return scripts.list(Scripts.CLAIM_CONVERSATION, new String[]{Keys.conversation(conversation), Keys.QUEUE,
                                Keys.counsellor(counsellor), Keys.consoles(counsellor),
                                Keys.counsellorConversations(counsellor), Keys.counsellorOffers(counsellor),
                                Keys.ACTIVE_CONVERSATIONS, Keys.DEADLINES, Keys.DEADLINE_STATS,
                                Keys.RECENT_ASSIGNMENTS, Keys.excluded(conversation)},
                        conversation, counsellor, mode,
                        Long.toString(routing.acceptTimeout().toMillis()), Keys.conversationChannel(conversation),
                        Keys.counsellorChannel(counsellor))
                .map(reply -> new ClaimOutcome((String) reply.get(0),
                        reply.size() > 1 ? ((Number) reply.get(1)).longValue() : 0));
    }

    /** The counsellor accepts the chat offered to them: {@code ok} or {@code gone}. */
    public Future<String> accept(String conversation, String counsellor) {
        return scripts.text(Scripts.ACCEPT_OFFER, new String[]{Keys.conversation(conversation),
                        Keys.counsellor(counsellor), Keys.counsellorConversations(counsellor),
                        Keys.counsellorOffers(counsellor), Keys.ACTIVE_CONVERSATIONS, Keys.DEADLINES,
                        Keys.DEADLINE_STATS, Keys.RECENT_ASSIGNMENTS},
                conversation, counsellor, Keys.conversationChannel(conversation), Keys.counsellorChannel(counsellor));
    }

    /**
     * An offer ends unaccepted, {@code declined} by the counsellor or {@code expired}; the chat goes back to the queue.
     * Returns {@code ok}, {@code ok-away} (the counsellor missed too many and was set away), {@code gone} or
     * {@code already}.
     */
    public Future<String> release(String conversation, String counsellor, long offerVersion, String reason) {
        return scripts.list(Scripts.RELEASE_OFFER, new String[]{Keys.conversation(conversation), Keys.QUEUE,
                                Keys.counsellor(counsellor), Keys.counsellorOffers(counsellor),
                                Keys.AVAILABLE_COUNSELLORS, Keys.DEADLINES, Keys.DEADLINE_STATS,
                                Keys.excluded(conversation)},
                        conversation, counsellor, reason, Long.toString(offerVersion),
                        Long.toString(routing.declineCooldown().toMillis()),
                        Integer.toString(routing.maxMissedOffers()), Keys.counsellorChannel(counsellor),
                        Keys.ROUTING_CHANNEL)
                .map(reply -> {
                    String result = (String) reply.get(0);
                    return "ok".equals(result) && ((Number) reply.get(1)).longValue() == 1 ? "ok-away" : result;
                });
    }

    /** Hands an active chat to another counsellor with an optional internal note. */
    public Future<String> transfer(String conversation, String from, String to, String noteJson) {
        return scripts.text(Scripts.TRANSFER_CONVERSATION, new String[]{Keys.conversation(conversation),
                        Keys.counsellorConversations(from), Keys.counsellor(to), Keys.consoles(to),
                        Keys.counsellorConversations(to), Keys.counsellorOffers(to), Keys.notes(conversation)},
                conversation, from, to, noteJson, Keys.conversationChannel(conversation),
                Keys.counsellorChannel(from), Keys.counsellorChannel(to));
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
