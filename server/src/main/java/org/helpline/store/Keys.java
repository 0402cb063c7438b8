package org.helpline.store;

/**
 * Every Redis key and channel name, in one place. Keys hold conversation and counsellor ids (random or configured),
 * never a visitor's address, message text or token: sessions are keyed by a SHA-256 of the token.
 * The keys of one conversation share the hash tag {@code {<id>}}.
 */
public final class Keys {
    public static final String QUEUE = "hl:queue";
    public static final String ACTIVE_CONVERSATIONS = "hl:conversations:active";
    public static final String AVAILABLE_COUNSELLORS = "hl:counsellors:available";
    public static final String ROUTING_CHANNEL = "hl:events:routing";

    private Keys() {
    }

    public static String conversation(String id) {
        return "hl:conv:{" + id + "}";
    }

    public static String log(String id) {
        return conversation(id) + ":log";
    }

    public static String clientIds(String id) {
        return conversation(id) + ":ids";
    }

    public static String conversationChannel(String id) {
        return "hl:events:conv:" + id;
    }

    public static String counsellor(String id) {
        return "hl:counsellor:{" + id + "}";
    }

    public static String consoles(String counsellorId) {
        return counsellor(counsellorId) + ":consoles";
    }

    public static String counsellorConversations(String counsellorId) {
        return counsellor(counsellorId) + ":conversations";
    }

    public static String counsellorChannel(String counsellorId) {
        return "hl:events:counsellor:" + counsellorId;
    }

    public static String session(String tokenDigest) {
        return "hl:session:" + tokenDigest;
    }
}
