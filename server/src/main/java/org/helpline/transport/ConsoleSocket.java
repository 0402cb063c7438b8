package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.helpline.HelplineServices;
import org.helpline.auth.Secrets;
import org.helpline.domain.Availability;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Side;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;

/**
 * One counsellor console's WebSocket. It authenticates with a session token, then keeps a lease on the counsellor's
 * presence (renewed every few seconds; it runs out by itself if this node dies) and follows every conversation the
 * counsellor holds. When the session expires the console is told and closed.
 */
final class ConsoleSocket {
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration RENEW_EVERY = Duration.ofSeconds(10);
    static final Duration AUTH_DEADLINE = Duration.ofSeconds(15);
    private static final short SESSION_ENDED = 4001;

    private final Vertx vertx;
    private final HelplineServices services;
    private final FrameChannel channel;
    private final String socketId = Secrets.random(12);
    private final Map<String, ConversationFeed> feeds = new HashMap<>();
    private final long authTimer;
    private Counsellor counsellor;
    private String token;
    private boolean authenticating;
    private EventChannels.Subscription counsellorEvents;
    private long renewTimer = -1;
    private boolean closed;

    ConsoleSocket(Vertx vertx, ServerWebSocket socket, HelplineServices services) {
        this.vertx = vertx;
        this.services = services;
        Map<String, Function<JsonObject, Future<?>>> handlers = Map.of(
                "auth", this::auth,
                "status", this::status,
                "send", this::send,
                "typing", this::typing,
                "end", this::end,
                "ping", this::ping);
        this.channel = new FrameChannel(socket, services.config().limits(), handlers, this::closed);
        this.authTimer = vertx.setTimer(AUTH_DEADLINE.toMillis(), id -> {
            if (counsellor == null) {
                channel.send(ErrorFrames.of(ProtocolError.UNAUTHENTICATED));
                channel.close(FrameChannel.POLICY_VIOLATION, "no auth frame");
            }
        });
    }

    private Future<Void> auth(JsonObject frame) {
        if (counsellor != null || authenticating) {
            throw new ProtocolException(ProtocolError.ALREADY_STARTED, "This console is already authenticated.",
                    null);
        }
        String givenToken = Fields.string(frame, "token", 128);
        JsonObject resume = Fields.object(frame, "resume");
        authenticating = true;
        return services.sessions().touch(givenToken)
                .compose(session -> {
                    Counsellor who = session.flatMap(id -> services.config().counsellor(id))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.SESSION_EXPIRED));
                    counsellor = who;
                    token = givenToken;
                    vertx.cancelTimer(authTimer);
                    return services.counsellors().consoleAlive(who.id(), socketId, LEASE);
                })
                .compose(live -> services.events().subscribe(Keys.counsellorChannel(counsellor.id()),
                        this::onCounsellorEvent, this::followHeldConversations))
                .compose(subscription -> {
                    counsellorEvents = subscription;
                    if (closed) {
                        subscription.cancel();
                        return Future.succeededFuture();
                    }
                    renewTimer = vertx.setPeriodic(RENEW_EVERY.toMillis(), id -> renewLease());
                    return welcome(resume);
                })
                .onFailure(failure -> {
                    authenticating = false;
                    if (failure instanceof ProtocolException) {
                        vertx.setTimer(50, id -> channel.close(SESSION_ENDED, "session expired"));
                    }
                });
    }

    private Future<Void> ping(JsonObject frame) {
        channel.send(new JsonObject().put("type", "pong"));
        return Future.succeededFuture();
    }

    private Future<Void> welcome(JsonObject resume) {
        return Future.all(services.counsellors().availability(counsellor.id()),
                        services.counsellors().conversations(counsellor.id()))
                .compose(state -> {
                    Availability availability = state.resultAt(0);
                    java.util.Set<String> held = state.resultAt(1);
                    channel.send(new JsonObject().put("type", "welcome")
                            .put("counsellor", new JsonObject().put("id", counsellor.id())
                                    .put("name", counsellor.displayName())
                                    .put("association", counsellor.associationId()))
                            .put("status", availability.wireName())
                            .put("capacity", counsellor.capacity())
                            .put("conversations", new JsonArray(new ArrayList<>(held))));
                    List<Future<Void>> follows = new ArrayList<>();
                    for (String id : held) {
                        Object after = resume.getValue(id);
                        follows.add(follow(id, after instanceof Number n ? Math.max(0, n.longValue()) : 0));
                    }
                    return Future.all(follows).mapEmpty();
                });
    }

    private Future<Void> status(JsonObject frame) {
        Counsellor who = requireCounsellor();
        Availability availability = Availability.fromWire(String.valueOf(frame.getValue("status")))
                .orElseThrow(() -> ProtocolException.invalid("status", "status must be available or away"));
        return services.counsellors().setAvailability(who, availability).map(recorded -> {
            channel.send(new JsonObject().put("type", "status").put("status", recorded.wireName()));
            return null;
        });
    }

    private Future<Void> send(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = heldConversation(frame);
        String clientId = Fields.clientId(frame);
        String text = Fields.text(frame, services.config().limits().maxTextChars());
        return services.conversations().append(conversation, Side.COUNSELLOR, who.id(), clientId, text)
                .map(result -> {
                    channel.send(Acknowledgements.of(conversation, clientId, result));
                    return null;
                });
    }

    private Future<Void> typing(JsonObject frame) {
        requireCounsellor();
        return services.conversations().typing(heldConversation(frame), Side.COUNSELLOR);
    }

    private Future<Void> end(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = heldConversation(frame);
        return services.conversations().end(conversation, Side.COUNSELLOR, Optional.of(who.id()))
                .map(outcome -> {
                    if ("stale".equals(outcome) || "missing".equals(outcome)) {
                        throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
                    }
                    return null;
                });
    }

    private void onCounsellorEvent(String raw) {
        JsonObject event = new JsonObject(raw);
        if ("assigned".equals(event.getString("type"))) {
            follow(event.getString("conversation"), 0);
        }
    }

    /** After a pub/sub drop: pick up any conversation assigned meanwhile. */
    private void followHeldConversations() {
        if (counsellor == null || closed) {
            return;
        }
        services.counsellors().conversations(counsellor.id())
                .onSuccess(held -> held.forEach(id -> follow(id, 0)));
    }

    /** Starts following a held conversation: its triage first, then its messages after {@code afterSeq}. */
    private Future<Void> follow(String conversationId, long afterSeq) {
        if (feeds.containsKey(conversationId) || closed) {
            return Future.succeededFuture();
        }
        feeds.put(conversationId, null);
        return services.conversations().find(conversationId)
                .compose(found -> {
                    if (found.isEmpty() || !found.get().counsellorId().equals(Optional.of(counsellor.id()))) {
                        feeds.remove(conversationId);
                        return Future.succeededFuture();
                    }
                    return ConversationFeed.subscribe(conversationId, Side.COUNSELLOR, afterSeq,
                            services.conversations(), services.events(), this::deliver).map(feed -> {
                                if (closed) {
                                    feed.close();
                                    return null;
                                }
                                feeds.put(conversationId, feed);
                                channel.send(new JsonObject().put("type", "assigned")
                                        .put("conversation", conversationId)
                                        .put("triage", TriageFrame.encode(found.get().triage()))
                                        .put("startedAt", found.get().createdAt())
                                        .put("status", found.get().status().wireName()));
                                feed.open();
                                return null;
                            });
                })
                .onFailure(failure -> feeds.remove(conversationId))
                .mapEmpty();
    }

    private void deliver(JsonObject event) {
        if ("assigned".equals(event.getString("type"))) {
            return;
        }
        channel.send(event);
        if ("ended".equals(event.getString("type"))) {
            ConversationFeed feed = feeds.remove(event.getString("conversation"));
            if (feed != null) {
                feed.close();
            }
        }
    }

    private void renewLease() {
        if (closed || counsellor == null) {
            return;
        }
        services.sessions().touch(token).onSuccess(session -> {
            if (session.isEmpty()) {
                channel.send(ErrorFrames.of(ProtocolError.SESSION_EXPIRED));
                channel.close(SESSION_ENDED, "session expired");
            } else {
                services.counsellors().consoleAlive(counsellor.id(), socketId, LEASE);
            }
        });
    }

    private void closed() {
        closed = true;
        vertx.cancelTimer(authTimer);
        if (renewTimer >= 0) {
            vertx.cancelTimer(renewTimer);
        }
        if (counsellorEvents != null) {
            counsellorEvents.cancel();
        }
        feeds.values().stream().filter(java.util.Objects::nonNull).forEach(ConversationFeed::close);
        feeds.clear();
        if (counsellor != null) {
            services.counsellors().consoleClosed(counsellor.id(), socketId);
        }
    }

    private Counsellor requireCounsellor() {
        if (counsellor == null) {
            throw new ProtocolException(ProtocolError.UNAUTHENTICATED);
        }
        return counsellor;
    }

    private String heldConversation(JsonObject frame) {
        String conversation = Fields.conversation(frame);
        if (feeds.get(conversation) == null) {
            throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
        }
        return conversation;
    }
}
