package org.helpline.transport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The chats one supervisor socket monitors, each with its read-only {@link ConversationFeed} (absent while it opens).
 * A socket monitors at most {@link #MOST} chats at once.
 */
final class MonitoredChats {
    static final int MOST = 10;
    private final Map<String, ConversationFeed> feeds = new HashMap<>();
    private boolean closed;

    /** Keeps a place for a chat about to be monitored; refused when it is monitored already or no place is left. */
    void reserve(String conversation) {
        if (feeds.containsKey(conversation)) {
            throw ProtocolException.invalid("conversation", "this page already monitors this chat");
        }
        if (feeds.size() >= MOST) {
            throw new ProtocolException(ProtocolError.MONITOR_LIMIT);
        }
        feeds.put(conversation, null);
    }

    /** The chat's feed is open: false (and the feed closed) when the socket closed or the place was given up. */
    boolean opened(String conversation, ConversationFeed feed) {
        if (closed || !feeds.containsKey(conversation)) {
            feed.close();
            return false;
        }
        feeds.put(conversation, feed);
        return true;
    }

    boolean monitors(String conversation) {
        return feeds.get(conversation) != null;
    }

    /** Stops monitoring a chat: true when it was monitored (its feed is closed). */
    boolean stop(String conversation) {
        boolean had = feeds.containsKey(conversation);
        Optional.ofNullable(feeds.remove(conversation)).ifPresent(ConversationFeed::close);
        return had;
    }

    /** The socket closed: every feed is closed; answers the chats that were monitored. */
    List<String> close() {
        closed = true;
        List<String> monitored = feeds.entrySet().stream().filter(entry -> entry.getValue() != null)
                .map(Map.Entry::getKey).toList();
        feeds.values().stream().filter(Objects::nonNull).forEach(ConversationFeed::close);
        feeds.clear();
        return monitored;
    }
}
