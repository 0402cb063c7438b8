package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Side;
import org.helpline.store.ConversationRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chats one console shows its counsellor, each followed through a feed of its own: its case file (triage, notes,
 * risk) first, then its messages. A chat assigned while the console is open (an {@code assigned} event, or the
 * catch-up after a pub/sub drop) is shown by nothing else, so when loading it fails because Redis is unreachable or
 * too slow it is tried again ({@link RetryDelay}) until it is shown or is no longer this counsellor's: otherwise the
 * visitor would write to a counsellor who never sees the chat. Event-loop confined, like its console.
 */
final class HeldChats {
    private static final Logger LOG = LoggerFactory.getLogger(HeldChats.class);
    private static final String SHOWING = "Showing the chats held by a console";
    private final Vertx vertx;
    private final ConsoleEndpoint endpoint;
    private final FrameChannel channel;
    private final String counsellorId;
    /** Each chat shown, with its feed. */
    private final Map<String, ConversationFeed> feeds = new HashMap<>();
    /**
     * Each chat being opened, with the attempt under way: an attempt overtaken (the chat released, then assigned again
     * while it read) neither shows the chat nor undoes the attempt that replaced it.
     */
    private final Map<String, Object> opening = new HashMap<>();
    private boolean closed;

    HeldChats(Vertx vertx, ConsoleEndpoint endpoint, FrameChannel channel, String counsellorId) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.channel = channel;
        this.counsellorId = counsellorId;
    }

    /** Whether the chat is shown, its feed open (the frames of a held chat need that). */
    boolean shows(String conversation) {
        return feeds.containsKey(conversation);
    }

    /** Whether the chat is shown or being opened. */
    boolean follows(String conversation) {
        return feeds.containsKey(conversation) || opening.containsKey(conversation);
    }

    /** Starts following a held conversation: its case file first, then its messages after {@code afterSeq}. */
    Future<Void> follow(String conversationId, long afterSeq) {
        if (follows(conversationId) || closed) {
            return Future.succeededFuture();
        }
        Object attempt = new Object();
        opening.put(conversationId, attempt);
        return CaseFile.load(conversationId, endpoint.conversations, endpoint.records)
                .compose(file -> {
                    Optional<ConversationRecord> found = file.map(CaseFile::record);
                    if (opening.get(conversationId) != attempt || found.isEmpty()
                            || !found.get().counsellorId().equals(Optional.of(counsellorId))
                            || found.get().status() != ConversationStatus.ACTIVE) {
                        opening.remove(conversationId, attempt);
                        return Future.succeededFuture();
                    }
                    return ConversationFeed.subscribe(conversationId, Side.COUNSELLOR, afterSeq,
                            endpoint.conversations, endpoint.events, this::deliver).map(feed -> {
                                if (closed || !opening.remove(conversationId, attempt)) {
                                    feed.close();
                                    return null;
                                }
                                feeds.put(conversationId, feed);
                                channel.send(ConsoleFrames.assigned(file.get()));
                                ConsoleFrames.visitorAway(found.get()).ifPresent(channel::send);
                                feed.open();
                                return null;
                            });
                })
                .onFailure(failure -> {
                    LOG.debug("Console of {} could not follow {} yet: {}", counsellorId, conversationId,
                            failure.getClass().getSimpleName());
                    opening.remove(conversationId, attempt);
                })
                .mapEmpty();
    }

    /** Follows a chat assigned while the console is open, trying again until it is shown or is not theirs. */
    void followAssigned(String conversationId) {
        retrying(SHOWING, () -> follow(conversationId, 0));
    }

    /** After a pub/sub drop: follows every chat the counsellor holds, those assigned meanwhile among them. */
    void followAllHeld() {
        retrying(SHOWING, () -> endpoint.counsellors.conversations(counsellorId).map(holding -> {
            holding.forEach(this::followAssigned);
            return null;
        }));
    }

    /**
     * Runs {@code attempt} (a read nothing else would repeat, for this console), and again while it fails because of
     * Redis and the console is open ({@link RedisRetries}); a failure no retry would mend is logged as {@code what}.
     */
    void retrying(String what, Supplier<Future<?>> attempt) {
        RedisRetries.retrying(vertx, LOG, what, attempt, () -> !closed);
    }

    private void deliver(JsonObject event) {
        ChatEvent type = ChatEvent.of(event.getString("type"));
        if (type == ChatEvent.ASSIGNED || type == ChatEvent.TRANSFERRED || type == ChatEvent.REQUEUED) {
            return;
        }
        channel.send(event);
        if (type == ChatEvent.ENDED) {
            release(event.getString("conversation"));
        }
    }

    /** Stops following every chat shown or being opened that is not in {@code holding}; answers which. */
    List<String> releaseAllBut(Set<String> holding) {
        List<String> gone = new ArrayList<>();
        for (String conversation : new ArrayList<>(feeds.keySet())) {
            if (!holding.contains(conversation)) {
                gone.add(conversation);
            }
        }
        opening.keySet().stream().filter(conversation -> !holding.contains(conversation)).forEach(gone::add);
        gone.forEach(this::release);
        return gone;
    }

    /** Stops following a chat (released, transferred, ended). */
    void release(String conversation) {
        opening.remove(conversation);
        Optional.ofNullable(feeds.remove(conversation)).ifPresent(ConversationFeed::close);
    }

    /** The console closed: every feed closes, and no retry follows anything any more. */
    void close() {
        closed = true;
        feeds.values().forEach(ConversationFeed::close);
        feeds.clear();
        opening.clear();
    }
}
