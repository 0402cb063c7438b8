package org.helpline.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each chat's start to counsellor: the time of its first {@code assigned}. The console may get it before the
 * visitor's {@code started} is handled here (visitors and consoles may run on different event loops): the time is left
 * for whichever side comes second, and whoever removes it records it, once (else a chat started while its assignment
 * came in would be recorded by neither).
 */
final class FirstAssignments {
    private final Latency startToCounsellor;
    private final Map<String, Chat> chats;
    private final Map<String, Long> early = new ConcurrentHashMap<>();

    /** {@code chats}: the chats known here, by conversation, each put in before its {@link #started}. */
    FirstAssignments(Latency startToCounsellor, Map<String, Chat> chats) {
        this.startToCounsellor = startToCounsellor;
        this.chats = chats;
    }

    /** The visitor's {@code started}: {@code chat} is known from now on. */
    void started(Chat chat) {
        record(chat, early.remove(chat.conversation));
    }

    /** A console's {@code assigned} of {@code conversation}. */
    void assigned(String conversation) {
        early.putIfAbsent(conversation, System.nanoTime());
        Chat chat = chats.get(conversation);
        if (chat != null) {
            record(chat, early.remove(conversation));
        }
    }

    private void record(Chat chat, Long assignedAt) {
        if (assignedAt != null && chat.firstAssignment()) {
            startToCounsellor.record(assignedAt - chat.startNanos);
        }
    }
}
