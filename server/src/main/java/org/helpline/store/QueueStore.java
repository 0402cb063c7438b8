package org.helpline.store;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.helpline.domain.Assignment;
import org.helpline.domain.WaitingConversation;

/** The waiting queue and the atomic claim that takes a conversation out of it. */
public final class QueueStore {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;

    public QueueStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
    }

    /** The first {@code limit} waiting conversations in queue order, with their triage. */
    public Future<List<WaitingConversation>> head(int limit, ConversationStore conversations) {
        return bridge.toFuture(commands.zrangeWithScores(Keys.QUEUE, 0, limit - 1L)).compose(entries -> {
            List<Future<WaitingConversation>> lookups = new ArrayList<>();
            for (ScoredValue<String> entry : entries) {
                String id = entry.getValue();
                lookups.add(conversations.find(id).map(found -> found
                        .map(record -> new WaitingConversation(id, entry.getScore(), record.triage()))
                        .orElse(null)));
            }
            return Future.all(lookups).map(all -> lookups.stream().map(Future::result)
                    .filter(java.util.Objects::nonNull).toList());
        });
    }

    /**
     * Atomically gives the conversation to the counsellor. Returns {@code ok}, or why not: {@code taken} (no longer
     * waiting), {@code unavailable}, {@code offline} (no live console) or {@code full} (at capacity).
     */
    public Future<String> claim(Assignment assignment) {
        String conversation = assignment.conversationId();
        String counsellor = assignment.counsellorId();
        return scripts.text(Scripts.CLAIM_CONVERSATION, new String[]{Keys.conversation(conversation), Keys.QUEUE,
                        Keys.counsellor(counsellor), Keys.consoles(counsellor),
                        Keys.counsellorConversations(counsellor), Keys.ACTIVE_CONVERSATIONS},
                conversation, counsellor, Keys.conversationChannel(conversation), Keys.counsellorChannel(counsellor));
    }

    public Future<Long> waitingCount() {
        return bridge.toFuture(commands.zcard(Keys.QUEUE));
    }

    public Future<Long> activeCount() {
        return bridge.toFuture(commands.scard(Keys.ACTIVE_CONVERSATIONS));
    }
}
