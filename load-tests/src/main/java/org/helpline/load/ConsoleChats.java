package org.helpline.load;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chats one of the generator's consoles holds, each with its timer (the sender writing in it, or the end of a
 * chat ended after a handle time) and its {@link Chat.Hold}. A chat is held from its {@code assigned} (one repeated
 * changes nothing: no second sender, the same hold) until the console is told it is no longer its: {@code released}
 * (back to the queue, or transferred) or {@code ended}. Its sender also stops when a send is refused as
 * {@code not_assigned} or {@code conversation_ended}, which may come before the frame that tells it; the messages
 * still arriving until then are counted in its hold. Used on the socket's own context.
 */
final class ConsoleChats {
    /** Errors telling a console that a chat it writes in is no longer its: its sender in that chat stops. */
    private static final Set<String> NOT_HELD = Set.of("not_assigned", "conversation_ended");
    private final Vertx vertx;
    private final Counts counts;
    private final Map<String, Held> held = new HashMap<>();

    /** One chat held here: its timer ({@code -1}: none), and its hold once its chat is known. */
    private static final class Held {
        long timer = -1;
        Chat.Hold hold;
    }

    ConsoleChats(Vertx vertx, Counts counts) {
        this.vertx = vertx;
        this.counts = counts;
    }

    /**
     * An {@code assigned} of {@code chat} ({@code null} while its visitor has not handled {@code started}: the hold
     * then begins with the first message): true if the chat is new here, false if this console holds it already.
     */
    boolean assigned(String conversation, Chat chat) {
        if (held.containsKey(conversation)) {
            return false;
        }
        held.put(conversation, new Held());
        hold(conversation, chat);
        return true;
    }

    /** The timer writing in (or ending) a chat held here, cancelled when the chat is not held any more. */
    void timer(String conversation, long timer) {
        Held one = held.get(conversation);
        if (one != null) {
            one.timer = timer;
        }
    }

    /**
     * The hold a message of the chat counts in: empty while the chat is unknown, and when it is not held here
     * ({@code message.not_held}: the server sends a chat's messages only between its {@code assigned} and its
     * {@code released} or {@code ended}). A reassigned chat's first hold here is counted {@code chat.reassigned}.
     */
    Optional<Chat.Hold> hold(String conversation, Chat chat) {
        Held one = held.get(conversation);
        if (one == null) {
            counts.add("message.not_held");
            return Optional.empty();
        }
        if (one.hold == null && chat != null) {
            one.hold = chat.hold();
            if (one.hold.again) {
                counts.add("chat.reassigned");
            }
        }
        return Optional.ofNullable(one.hold);
    }

    /** A send refused because the chat is no longer this console's: its timer stops, its messages still count. */
    void stopSending(String conversation) {
        Optional.ofNullable(held.get(conversation)).ifPresent(this::cancel);
    }

    /** A {@code send} refused for good by {@code error}: if the chat is no longer this console's, it stops writing. */
    void refused(JsonObject error, JsonObject send) {
        if (NOT_HELD.contains(error.getString("code"))) {
            stopSending(send.getString("conversation"));
        }
    }

    /**
     * A {@code welcome} or {@code status} frame: whether the console says it is available, as a counsellor at her
     * desk would: at its welcome, and again when the server set her away on its own (missed offers, or a lease that
     * lapsed while Redis was too slow: {@code console.set_away.<reason>}); not in answer to its own status.
     */
    boolean goAvailable(JsonObject frame) {
        String reason = frame.getString("reason");
        if (reason != null) {
            counts.add("console.set_away." + reason);
        }
        return "welcome".equals(frame.getString("type")) || reason != null;
    }

    /** {@code released} or {@code ended}: the chat is no longer held here. */
    void dropped(String conversation) {
        Optional.ofNullable(held.remove(conversation)).ifPresent(this::cancel);
    }

    /** Whether the chat is held here (for tests). */
    boolean holds(String conversation) {
        return held.containsKey(conversation);
    }

    private void cancel(Held one) {
        if (one.timer >= 0) {
            vertx.cancelTimer(one.timer);
            one.timer = -1;
        }
    }
}
