package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Side;
import org.helpline.domain.Triage;
import org.helpline.store.ChatLeftBehind;
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
    /** How many chats a console back may ask about besides those it holds, and how many it is remembered to show. */
    private static final int MAX_ASKED = 50;
    private final Vertx vertx;
    private final ConsoleEndpoint endpoint;
    private final FrameChannel channel;
    private final String counsellorId;
    /** Each chat shown, with its feed. */
    private final Map<String, ConversationFeed> feeds = new HashMap<>();
    /** Each chat shown, with what its console was told of it. */
    private final Map<String, ShownChat> shown = new HashMap<>();
    /**
     * Each chat being opened, with the attempt under way: an attempt overtaken (the chat released, then assigned again
     * while it read) neither shows the chat nor undoes the attempt that replaced it.
     */
    private final Map<String, Object> opening = new HashMap<>();
    /**
     * The chats this console showed that may still be on its screen, ended or gone on without her (at most
     * {@value #MAX_ASKED}, the oldest forgotten): one its visitor deletes while the console cannot hear it (a socket
     * or pub/sub gap) is wiped all the same once it can.
     */
    private final Set<String> leftOnScreen = new LinkedHashSet<>();
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

    /**
     * Starts following a held conversation: its case file first, then its messages after {@code afterSeq}. Its
     * channel is listened to before the case file is read, and what it says meanwhile waits for the file: an end or a
     * visitor's departure told between the two is not lost.
     */
    private Future<Void> follow(String conversationId, long afterSeq) {
        if (follows(conversationId) || closed) {
            return Future.succeededFuture();
        }
        Object attempt = new Object();
        opening.put(conversationId, attempt);
        leftOnScreen.remove(conversationId);
        return ConversationFeed.subscribe(conversationId, Side.COUNSELLOR, afterSeq, endpoint.conversations,
                        endpoint.events, this::deliver)
                .compose(feed -> CaseFile.load(conversationId, endpoint.conversations, endpoint.records)
                        .onFailure(failure -> feed.close())
                        .map(file -> {
                            Optional<ConversationRecord> found = file.map(CaseFile::record);
                            if (closed || !opening.remove(conversationId, attempt)) {
                                feed.close();
                                return null;
                            }
                            if (found.isEmpty() || !isHers(found.get())) {
                                feed.close(); // ended or moved on since her list was read: said so, if shown before
                                tellWhatBecameOf(conversationId, afterSeq);
                                return null;
                            }
                            feeds.put(conversationId, feed);
                            ShownChat chat = new ShownChat(found.get());
                            shown.put(conversationId, chat);
                            feed.afterGap(state -> { // what was published while the node's pub/sub link was down
                                if (state.status() == ConversationStatus.ENDED) {
                                    deliver(ChatFrames.ended(state));
                                } else if (isHers(state)) {
                                    tellAgain(conversationId);
                                }
                            });
                            JsonObject assigned = ConsoleFrames.assigned(file.get());
                            chat.caseChanged(assigned);
                            channel.send(assigned);
                            ConsoleFrames.visitorAway(found.get()).ifPresent(channel::send);
                            feed.open();
                            return null;
                        }))
                .onFailure(failure -> {
                    LOG.debug("Console of {} could not follow {} yet: {}", counsellorId, conversationId,
                            failure.getClass().getSimpleName());
                    opening.remove(conversationId, attempt);
                })
                .mapEmpty();
    }

    private boolean isHers(ConversationRecord record) {
        return record.status() == ConversationStatus.ACTIVE && record.counsellorId().equals(Optional.of(counsellorId));
    }

    /**
     * After a gap in the pub/sub link, a chat still hers is told again as a console that opens it is ({@code assigned}:
     * a location shared, notes, risk, supervision meanwhile; not when it would tell the same as the last), then what it
     * missed of the visitor (a danger raise, her leaving or return: {@link ShownChat#missed}).
     */
    private void tellAgain(String conversationId) {
        retrying("Telling a console what it missed of a chat", () -> CaseFile.load(conversationId,
                endpoint.conversations, endpoint.records).map(file -> {
                    ShownChat chat = shown.get(conversationId);
                    if (chat != null && file.isPresent() && isHers(file.get().record())) {
                        JsonObject assigned = ConsoleFrames.assigned(file.get());
                        if (chat.caseChanged(assigned)) {
                            channel.send(assigned);
                        }
                        chat.missed(file.get().record(), endpoint.clock.millis()).forEach(channel::send);
                    }
                    return null;
                }));
    }

    /**
     * A chat this console shows, or showed before it reconnected, that her list of held chats does not name: wiped off
     * screen if its visitor deleted it; ended (hers to record) if it ended while hers, after the messages she had not
     * seen ({@code afterSeq}: the last she saw, or -1 when the console never showed it); released if it went back to
     * the queue ({@code offline} when she was set away for a lost connection) or to another counsellor, not shown as
     * ended with an outcome form that is not hers; nothing if it is hers after all (assigned again since the list was
     * read). A chat shown with its feed open and ended while hers is told by the feed, once its log has been read.
     */
    void tellWhatBecameOf(String id, long afterSeq) {
        long[] lastSent = {afterSeq}; // a try after a failed page goes on from there
        retrying("Telling a console what became of a chat", () -> endpoint.conversations.leftBehind(id, counsellorId)
                .compose(fate -> {
                    if (fate == ChatLeftBehind.Standing.STILL_HERS || closed
                            || fate instanceof ChatLeftBehind.EndedWithHer && feeds.containsKey(id)) {
                        return Future.succeededFuture();
                    }
                    release(id);
                    if (fate == ChatLeftBehind.Standing.ERASED) {
                        sendErased(id);
                        return Future.succeededFuture();
                    }
                    remember(id); // on her screen still, ended or kept for a reply not sent
                    if (fate instanceof ChatLeftBehind.EndedWithHer ended) {
                        return (afterSeq < 0 ? Future.<Void>succeededFuture() : sendMissed(id, lastSent))
                                .map(sent -> {
                                    // after a reconnect: the welcome's wrapUpLeftSeconds says what is left of it
                                    channel.send(ChatFrames.ended(id, ended.by()).put("wrapUp", false));
                                    return null;
                                });
                    }
                    return (fate == ChatLeftBehind.Standing.WITH_ANOTHER ? Future.succeededFuture("transferred")
                            : endpoint.counsellors.awayForLostConnection(counsellorId)
                                    .map(lost -> lost ? "offline" : "requeued"))
                            .map(reason -> {
                                channel.send(ConsoleFrames.released(id, reason));
                                return null;
                            });
                }));
    }

    /**
     * The messages of a chat stored after {@code lastSent[0]}, every one of them, each once ({@code lastSent[0]}
     * follows the last sent): a page at a time, the next once the socket has room (as {@link ConversationFeed} does).
     */
    private Future<Void> sendMissed(String id, long[] lastSent) {
        return endpoint.conversations.messagesAfter(id, lastSent[0], ConversationFeed.PAGE).compose(page -> {
            page.forEach(channel::send);
            if (!page.isEmpty()) {
                lastSent[0] = page.get(page.size() - 1).getLong("seq");
            }
            if (page.size() < ConversationFeed.PAGE || closed) {
                return Future.succeededFuture();
            }
            return channel.writable().compose(ready -> sendMissed(id, lastSent));
        });
    }

    /**
     * A console back: follows every chat she holds from after the last message it saw of it ({@code resume}: chat
     * to seq), tells what became of those it showed that she no longer holds, and which of those it still shows ended
     * ({@code ended}) their visitors deleted meanwhile.
     */
    void resume(JsonObject resume, Set<String> holding, List<String> ended) {
        holding.forEach(id -> followFrom(id, resumedAfter(resume, id)));
        resume.fieldNames().stream().filter(id -> !holding.contains(id) && Fields.isReference(id))
                .limit(MAX_ASKED).forEach(id -> tellWhatBecameOf(id, resumedAfter(resume, id)));
        ended.stream().filter(id -> !holding.contains(id) && !resume.containsKey(id)).forEach(this::remember);
        tellErased();
    }

    /** The last message seq a console back says it saw of a chat (0: none, or not said). */
    private static long resumedAfter(JsonObject resume, String id) {
        return resume.getValue(id) instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    /**
     * After a pub/sub drop: follows every chat the counsellor holds, those assigned meanwhile among them, tells what
     * became of those shown that she no longer holds, and which of those left on screen were deleted meanwhile.
     */
    void catchUp() {
        retrying(SHOWING, () -> endpoint.counsellors.conversations(counsellorId).map(holding -> {
            holding.forEach(this::followAssigned);
            followedBut(holding).forEach(id -> tellWhatBecameOf(id, -1));
            tellErased();
            return null;
        }));
    }

    /**
     * Tells which of the chats left on screen their visitors deleted (or whose transcripts expired, or that name no
     * chat): it wipes them. One read of them all, tried again as a whole while Redis fails.
     */
    private void tellErased() {
        List<String> ids = List.copyOf(leftOnScreen);
        if (ids.isEmpty()) {
            return;
        }
        retrying("Telling a console which chats were deleted", () -> {
            List<Future<ChatLeftBehind>> fates = ids.stream()
                    .map(id -> endpoint.conversations.leftBehind(id, counsellorId)).toList();
            return Future.all(fates).map(read -> {
                for (int i = 0; i < ids.size(); i++) {
                    if (fates.get(i).result() == ChatLeftBehind.Standing.ERASED && leftOnScreen.contains(ids.get(i))) {
                        sendErased(ids.get(i));
                    }
                }
                return null;
            });
        });
    }

    /** Tells the console that a chat was erased: it wipes it off screen, and starts no wrap-up bar for it. */
    void sendErased(String id) {
        leftOnScreen.remove(id);
        channel.send(ChatFrames.erased(id).put("wrapUp", false));
    }

    /** A chat the console may still show, ended or gone on without her: the oldest beyond the bound is forgotten. */
    private void remember(String id) {
        leftOnScreen.remove(id);
        leftOnScreen.add(id);
        Iterator<String> oldest = leftOnScreen.iterator();
        while (leftOnScreen.size() > MAX_ASKED) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Follows a chat assigned while the console is open, trying again until it is shown or is not theirs. */
    void followAssigned(String conversationId) {
        followFrom(conversationId, 0);
    }

    /** The same from after {@code afterSeq} (the last message the console showed), for a console back. */
    void followFrom(String conversationId, long afterSeq) {
        retrying(SHOWING, () -> follow(conversationId, afterSeq));
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
        Optional.ofNullable(shown.get(event.getString("conversation"))).ifPresent(chat -> chat.told(type, event));
        if (type == ChatEvent.ENDED) {
            release(event.getString("conversation"));
            if (event.getBoolean("erased", false)) {
                leftOnScreen.remove(event.getString("conversation"));
            }
        }
    }

    /** Stops following every chat shown or being opened that is not in {@code holding}; answers which. */
    List<String> releaseAllBut(Set<String> holding) {
        List<String> gone = followedBut(holding);
        gone.forEach(this::release);
        return gone;
    }

    /** The chats shown or being opened that {@code holding} (her list of held chats) does not name. */
    List<String> followedBut(Set<String> holding) {
        List<String> others = new ArrayList<>();
        feeds.keySet().stream().filter(conversation -> !holding.contains(conversation)).forEach(others::add);
        opening.keySet().stream().filter(conversation -> !holding.contains(conversation)).forEach(others::add);
        return others;
    }

    /** Stops following a chat (released, transferred, ended); one shown may stay on the console's screen. */
    void release(String conversation) {
        opening.remove(conversation);
        Optional.ofNullable(feeds.remove(conversation)).ifPresent(feed -> {
            feed.close();
            remember(conversation);
        });
        shown.remove(conversation);
    }

    /** The triage of a chat this console shows, as its case file gave it. */
    Optional<Triage> triage(String conversation) {
        return Optional.ofNullable(shown.get(conversation)).map(ShownChat::triage);
    }

    /** The console closed: every feed closes, and no retry follows anything any more. */
    void close() {
        closed = true;
        feeds.values().forEach(ConversationFeed::close);
        feeds.clear();
        shown.clear();
        opening.clear();
        leftOnScreen.clear();
    }
}
