package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.ClientKey;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Side;
import org.helpline.domain.Triage;
import org.helpline.store.AwayReason;
import org.helpline.store.ConversationRecord;

/**
 * One visitor's WebSocket. No account and no cookie: the socket starts a conversation (and is given its reference, a
 * resume secret and a short resume code) or resumes one with the secret or the code, then follows it. Everything
 * said is stored in Redis before it is acknowledged. The socket that attached last holds the visitor's presence
 * ({@link VisitorPresence}).
 */
final class VisitorSocket {
    /** Pages ping every 20 s (throttled to about once a minute in a background tab): silence this long is a loss. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(120);
    static final short REPLACED = 4003;
    /** Wrong resume codes one socket may try before it is closed (1008). */
    static final int WRONG_CODES_PER_SOCKET = 5;

    private final VisitorEndpoint endpoint;
    private final ServerWebSocket socket;
    /** Who the visitor's connection comes from, without the address (computed when first needed, and at a start). */
    private Future<ClientKey> clientKey;
    private final FrameChannel channel;
    private final String socketId = Secrets.random(12);
    private final VisitorPresence presence;
    private final long silenceTimer;
    private ConversationFeed feed;
    private boolean attaching;
    private int wrongCodes;
    private final ShownCounsellor shown = new ShownCounsellor();
    private boolean erasedTold;

    VisitorSocket(Vertx vertx, ServerWebSocket socket, ConnectionShares.Place place, VisitorEndpoint endpoint) {
        this.endpoint = endpoint;
        this.socket = socket;
        this.presence = new VisitorPresence(vertx, endpoint.visitors, socketId);
        Map<String, Function<JsonObject, Future<?>>> handlers = Map.ofEntries(
                Map.entry("start", this::start),
                Map.entry("resume", this::resume),
                Map.entry("send", present(frame -> {
                    ChatFrames.Message message = endpoint.chats.message(frame);
                    return endpoint.chats.send(requireConversation(), Side.VISITOR, null, message).map(this::reply);
                })),
                Map.entry("typing", present(frame -> endpoint.chats.typing(requireConversation(), Side.VISITOR))),
                Map.entry("end", this::end),
                Map.entry("forget", this::forget),
                Map.entry("away", this::away),
                Map.entry("danger", present(frame -> {
                    String conversation = requireConversation();
                    return clientKey().compose(key -> endpoint.safety.danger(conversation, key)).map(this::reply);
                })),
                Map.entry("took_alternative", present(frame -> endpoint.safety.tookAlternative(requireConversation(),
                        frame))),
                Map.entry("share_location", present(frame -> endpoint.safety.shareLocation(requireConversation(),
                        frame))),
                // not a presence change: a tab left open in the background must not take it back from a quick exit
                Map.entry("ping", frame -> Future.succeededFuture(reply(new JsonObject().put("type", "pong")))));
        this.channel = new FrameChannel(socket, place, endpoint.config.limits(), endpoint.inHand, handlers,
                () -> closed(vertx), socketId);
        this.silenceTimer = vertx.setPeriodic(SILENCE_LIMIT.toMillis() / 4,
                id -> channel.closeIfSilentFor(SILENCE_LIMIT));
    }

    /**
     * The conversation is followed from before it exists (its channel subscribed, while the client key is read, before
     * it is admitted and created), so nothing published about it, an assignment at once included, can be missed.
     */
    private Future<Void> start(JsonObject frame) {
        Triage triage = endpoint.config.triage().routed(TriageFrame.parse(Fields.object(frame, "triage"),
                TriageFrame.START));
        Optional<String> pageLanguage = TriageFrame.pageLanguage(frame);
        claimSocket();
        String id = ConversationOpening.newId();
        Future<ConversationFeed> following = ConversationFeed.subscribeBeforeCreation(id, Side.VISITOR,
                endpoint.conversations, endpoint.events, this::deliver);
        // computed again: midnight or a block made since (under an earlier day's key) may have changed it
        Future<ClientKey> client = clientKey = endpoint.clients.keys().of(socket);
        return Future.all(following, client)
                .compose(subscribed -> endpoint.opening.open(id, triage, pageLanguage, client.result()))
                .recover(failure -> {
                    following.onSuccess(ConversationFeed::close);
                    if (failure instanceof ProtocolException refused
                            && refused.error() == ProtocolError.CHAT_UNAVAILABLE) {
                        channel.send(endpoint.safety.refusedAlternatives(triage, pageLanguage));
                    }
                    return Future.failedFuture(failure);
                })
                .compose(opened -> attach(following, opened.startedFrame(), presence::takeFirst,
                        WaitingLines.started(opened.lines()))
                        .recover(failure -> endpoint.opening.abandon(opened.id())
                                .transform(erased -> Future.failedFuture(failure)))
                        .compose(delivered -> delivered ? afterStart(opened)
                                : endpoint.opening.abandon(opened.id())))
                .onFailure(failure -> attaching = false);
    }

    private Future<Void> afterStart(ConversationOpening.NewConversation opened) {
        channel.leaveClientShare(); // a live chat's socket: bounded otherwise, not to be seen by its client's others
        channel.send(endpoint.safety.waitingAlternatives(opened));
        return Future.succeededFuture();
    }

    private Future<Void> resume(JsonObject frame) {
        if (frame.getValue("code") != null) { // a JSON null is an absent field, as everywhere (Fields)
            return resumeByCode(frame);
        }
        String id = Fields.conversation(frame);
        String secret = Fields.string(frame, "resumeSecret", 128);
        long afterSeq = Fields.sequence(frame, "afterSeq");
        claimSocket();
        return endpoint.resumes.bySecret(id, secret).compose(found -> attach(found, found.after(afterSeq)))
                .onFailure(failure -> attaching = false);
    }

    /** Resumes with the short code, from a new tab or browser; a socket that keeps guessing is closed. */
    private Future<Void> resumeByCode(JsonObject frame) {
        if (frame.getValue("conversation") != null || frame.getValue("resumeSecret") != null) {
            throw ProtocolException.invalid("code", "give either code, or conversation and resumeSecret");
        }
        String code = ResumeCode.normalise(frame.getValue("code") instanceof String typed ? typed : null)
                .orElseThrow(() -> ProtocolException.invalid("code",
                        "code must be 12 letters or digits, e.g. ABCD-2345-WXYZ"));
        long afterSeq = Fields.sequence(frame, "afterSeq");
        claimSocket();
        return clientKey().compose(key -> endpoint.resumes.byCode(code, key))
                .compose(found -> {
                    if (found.isPresent()) {
                        return attach(found.get(), afterSeq);
                    }
                    if (++wrongCodes >= WRONG_CODES_PER_SOCKET) {
                        // closed whatever else it sends in between
                        channel.send(ErrorFrames.of(new ProtocolException(ProtocolError.NOT_FOUND), "resume"));
                        channel.close(FrameChannel.POLICY_VIOLATION, "too many wrong resume codes");
                        return Future.<Void>succeededFuture();
                    }
                    throw new ProtocolException(ProtocolError.NOT_FOUND);
                })
                .onFailure(failure -> attaching = false);
    }

    private Future<Void> attach(ResumeFrames.Resumption found, long afterSeq) {
        ConversationRecord record = found.record();
        WaitingLines.Attached lines = endpoint.lines.attached(record); // while it waits, the lines open now
        return attach(record.id(), afterSeq, found.header(), found.replaceOthers(), lines.shown()).map(attached -> {
            if (!attached || record.status() == ConversationStatus.ENDED) {
                return null; // a socket on an ended chat stays counted in its client's share
            }
            channel.leaveClientShare(); // as after a start
            endpoint.lines.show(lines, channel::send);
            return null;
        });
    }

    /** Ends the chat; one that had ended is told again, by whoever ended it (as {@code resumed.endedBy}). */
    private Future<Void> end(JsonObject frame) {
        if (erasedTold) { // after "delete my conversation now": told so again
            return forget(frame);
        }
        return endpoint.chats.endByVisitor(requireConversation(), shown.none()).map(endedBefore -> {
            endedBefore.ifPresent(channel::send);
            return null;
        });
    }

    /** "Delete my conversation now": both sides get {@code ended}, {@code erased: true}; asked again, told again. */
    private Future<Void> forget(JsonObject frame) {
        String conversation = requireConversation();
        if (erasedTold) {
            channel.send(ChatFrames.erased(conversation));
            return Future.succeededFuture();
        }
        return endpoint.chats.erase(conversation).map(erased -> {
            tellErased(conversation);
            return null;
        });
    }

    /** The visitor is leaving on purpose (quick exit): they are away at once, then the socket closes. */
    private Future<Void> away(JsonObject frame) {
        String conversation = requireConversation();
        Object reason = frame.getValue("reason");
        if (reason != null && !"quick_exit".equals(reason)) {
            throw ProtocolException.invalid("reason", "reason must be quick_exit");
        }
        return presence.leave(conversation, AwayReason.QUICK_EXIT).map(result -> {
            channel.close((short) 1000, "away");
            return null;
        });
    }

    /** Wraps a handler: a frame from a socket that lost the presence (another tab was used since) takes it back. */
    private Function<JsonObject, Future<?>> present(Function<JsonObject, Future<?>> handler) {
        return frame -> {
            if (feed != null) {
                presence.takeBackIfLost(feed.conversationId());
            }
            return handler.apply(frame);
        };
    }

    private void tellErased(String conversation) {
        presence.stop();
        if (!erasedTold) {
            erasedTold = true;
            endpoint.queueUpdates.forget(this);
            channel.send(ChatFrames.erased(conversation));
        }
    }

    /**
     * Follows the conversation and takes the visitor's presence before the header ({@code started}, {@code resumed})
     * goes out, so that a client told it is attached holds the presence; true when the socket was open to be told.
     */
    private Future<Boolean> attach(String id, long afterSeq, JsonObject header, boolean replaceOthers,
                                   WaitingLines.Shown lines) {
        return attach(follow(id, afterSeq), header, conversation -> presence.take(conversation, replaceOthers), lines);
    }

    private Future<ConversationFeed> follow(String id, long afterSeq) {
        return ConversationFeed.subscribe(id, Side.VISITOR, afterSeq, endpoint.conversations, endpoint.events,
                this::deliver, channel::writable);
    }

    private Future<Boolean> attach(Future<ConversationFeed> following, JsonObject header,
                                   Function<String, Future<Void>> takePresence, WaitingLines.Shown lines) {
        return following.compose(opened -> {
            String id = opened.conversationId();
            if (!channel.isOpen()) {
                opened.close();
                return Future.succeededFuture(false);
            }
            feed = opened;
            opened.afterGap(record -> MissedState.events(record, !shown.none()).forEach(this::deliver));
            return takePresence.apply(id).onFailure(failure -> {
                feed = null; // the socket may start again
                opened.close();
            }).map(taken -> {
                if (!channel.isOpen()) {
                    return false;
                }
                channel.send(header);
                shown.header(header);
                opened.open();
                endpoint.queueUpdates.watchPosition(this, id, lines, channel::send);
                return true;
            });
        });
    }

    private void deliver(JsonObject event) {
        ChatEvent type = ChatEvent.of(event.getString("type"));
        switch (type) {
            case VISITOR_PRESENCE -> {
                presence.toldAway(event, feed.conversationId(), () -> channel.close((short) 1000, "away"));
                return;
            }
            case VISITOR_ATTACHED -> {
                otherSocketAttached(event);
                return;
            }
            case ENDED -> {
                if (event.getBoolean("erased", false)) {
                    tellErased(event.getString("conversation"));
                    return;
                }
                presence.stop(); // over: closing the socket has no presence to change
                endpoint.queueUpdates.forget(this);
            }
            case REQUEUED -> shown.requeued();
            case ASSIGNED -> {
                if (!shown.show(event)) {
                    return;
                }
            }
            default -> { // passed on as published
            }
        }
        boolean named = type == ChatEvent.ASSIGNED || type == ChatEvent.TRANSFERRED;
        channel.send(named ? endpoint.frames.named(event) : event);
    }

    /** Another socket attached: it holds the presence; after a resume by code, or one too many, it replaces this. */
    private void otherSocketAttached(JsonObject event) {
        if (socketId.equals(event.getString("socket"))) {
            return;
        }
        presence.lost();
        JsonArray evicted = event.getJsonArray("evicted", new JsonArray());
        if (event.getBoolean("replace", false) || evicted.contains(socketId)) {
            presence.stop();
            channel.send(new JsonObject().put("type", "replaced").put("conversation", feed.conversationId()));
            channel.close(REPLACED, "continued elsewhere");
        }
    }

    private void closed(Vertx vertx) {
        vertx.cancelTimer(silenceTimer);
        endpoint.queueUpdates.forget(this);
        if (feed != null) {
            feed.close();
            presence.leave(feed.conversationId(), AwayReason.CONNECTION_LOST);
        }
    }

    /** The socket's client key; computed again if Redis could not give the day's secret. */
    private Future<ClientKey> clientKey() {
        if (clientKey == null || clientKey.failed()) {
            clientKey = endpoint.clients.keys().of(socket);
        }
        return clientKey;
    }

    private void claimSocket() {
        if (feed != null || attaching) {
            throw new ProtocolException(ProtocolError.ALREADY_STARTED);
        }
        attaching = true;
    }

    private String requireConversation() {
        if (feed == null) {
            throw new ProtocolException(ProtocolError.NOT_STARTED);
        }
        return feed.conversationId();
    }

    private Void reply(JsonObject frame) {
        channel.send(frame);
        return null;
    }
}
