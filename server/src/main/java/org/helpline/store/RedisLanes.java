package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.List;

/**
 * The command connections of one node, a lane each ({@code redis.commandConnections}). Redis reads at most 16 KB
 * from a connection in each turn of its loop, and with {@code appendfsync always} each turn ends in an fsync, so one
 * connection caps what a node gets done per fsync however much Redis could do (docs/performance.md, "Redis reads
 * 16 KB a connection a turn"). A script whose key {@code conversation} names a conversation, and
 * {@code ConversationStore}'s commands, go on that conversation's lane, so they reach Redis in the order they were
 * sent, as on a single connection; everything else goes on the first lane, including some reads of a conversation's
 * hash by other stores and scripts that touch conversations without that key.
 */
public final class RedisLanes {
    private final List<RedisAsyncCommands<String, String>> lanes;

    public RedisLanes(List<RedisAsyncCommands<String, String>> lanes) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("at least one command connection");
        }
        this.lanes = List.copyOf(lanes);
    }

    /** The lane of work that concerns no one conversation. */
    public RedisAsyncCommands<String, String> shared() {
        return lanes.get(0);
    }

    /** The lane of the conversation {@code id}. */
    public RedisAsyncCommands<String, String> ofConversation(String id) {
        // one lane (the default): no key to build on every command
        return lanes.size() == 1 ? shared() : ofConversationKey(Keys.conversation(id));
    }

    /** The lane of the conversation whose hash is {@code conversationKey} ({@link Keys#conversation}). */
    RedisAsyncCommands<String, String> ofConversationKey(String conversationKey) {
        return lanes.get(Math.floorMod(conversationKey.hashCode(), lanes.size()));
    }
}
