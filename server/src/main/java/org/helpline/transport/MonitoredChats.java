package org.helpline.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The chats one supervisor socket monitors, each with its monitoring's id and its read-only {@link ConversationFeed}
 * (absent while it opens). A socket monitors at most {@link #MOST} chats at once.
 */
final class MonitoredChats {
    static final int MOST = 10;
    /** The supervisor socket's id: the watcher that holds its monitorings in the case records. */
    private final String socket;
    /** Each chat monitored or being opened, with its monitoring's id. */
    private final Map<String, String> monitorings = new HashMap<>();
    /** Each chat monitored, once its feed is open. */
    private final Map<String, ConversationFeed> feeds = new HashMap<>();
    private boolean closed;

    MonitoredChats(String socket) {
        this.socket = socket;
    }

    String socket() {
        return socket;
    }

    /** Keeps a place for a chat about to be monitored; refused when it is monitored already or no place is left. */
    void reserve(String conversation, String monitoring) {
        if (monitorings.containsKey(conversation)) {
            throw ProtocolException.invalid("conversation", "this page already monitors this chat");
        }
        if (monitorings.size() >= MOST) {
            throw new ProtocolException(ProtocolError.MONITOR_LIMIT);
        }
        monitorings.put(conversation, monitoring);
    }

    /** The chat's feed is open: false (and the feed closed) when the socket closed or the place was given up. */
    boolean opened(String conversation, ConversationFeed feed) {
        if (closed || !monitorings.containsKey(conversation)) {
            feed.close();
            return false;
        }
        feeds.put(conversation, feed);
        return true;
    }

    /** Whether the chat is monitored, or being opened, on this open socket. */
    boolean reserved(String conversation) {
        return !closed && monitorings.containsKey(conversation);
    }

    /** Whether any chat is monitored, or being opened, on this open socket. */
    boolean any() {
        return !closed && !monitorings.isEmpty();
    }

    boolean monitors(String conversation) {
        return feeds.containsKey(conversation);
    }

    /** Stops monitoring a chat (its feed is closed): its monitoring's id, when it was monitored or being opened. */
    Optional<String> stop(String conversation) {
        Optional.ofNullable(feeds.remove(conversation)).ifPresent(ConversationFeed::close);
        return Optional.ofNullable(monitorings.remove(conversation));
    }

    /** The socket closed: every feed is closed; answers the chats that were monitored, with their monitorings' ids. */
    Map<String, String> close() {
        closed = true;
        Map<String, String> monitored = new HashMap<>();
        feeds.keySet().forEach(conversation -> monitored.put(conversation, monitorings.get(conversation)));
        feeds.values().forEach(ConversationFeed::close);
        feeds.clear();
        monitorings.clear();
        return monitored;
    }
}
