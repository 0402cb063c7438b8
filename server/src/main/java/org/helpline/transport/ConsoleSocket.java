package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.helpline.auth.Secrets;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.Association;
import org.helpline.domain.Availability;
import org.helpline.domain.ChatEvent;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Side;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;
import org.helpline.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One counsellor console's WebSocket. It authenticates with a session token, then keeps a lease on the counsellor's
 * presence (renewed every third of the lease; it runs out by itself if this node dies), receives offers, follows every
 * conversation the counsellor holds, and lets them accept, decline, pick, transfer and end. A console that sends
 * nothing for the heartbeat timeout is closed; its {@link StaffSession} renews the session and closes the console
 * when the session ends (expiry, logout, revocation).
 */
final class ConsoleSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSocket.class);
    private final Vertx vertx;
    private final ConsoleEndpoint endpoint;
    private final RoutingSettings routing;
    private final FrameChannel channel;
    private final String socketId = Secrets.random(12);
    private long authTimer;
    private WelcomeGate welcomed = new WelcomeGate();
    private Counsellor counsellor;
    private Association association;
    private ShownOffers offers;
    private HeldChats held;
    private boolean authenticating;
    /** Whether the console is logged in or an {@code auth} is under way: what spares it the auth deadline. */
    private final BooleanSupplier authStarted = () -> authenticating || counsellor != null;
    private EventChannels.Subscription counsellorEvents;
    private StaffSession session;
    private long renewTimer = -1;
    private boolean closed;
    /** A lease on her presence was asked for: a log-out gives it up. */
    private boolean leaseAsked;
    /** Its lease was found lapsed and the console not yet told what that did (a read failed): tried again. */
    private boolean lapseUntold;

    ConsoleSocket(Vertx vertx, ServerWebSocket socket, ConnectionShares.Place place, ConsoleEndpoint endpoint) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.routing = endpoint.config.routing();
        Map<String, Function<JsonObject, Future<?>>> handlers = new HashMap<>();
        handlers.put("auth", this::auth);
        handlers.put("status", frame -> endpoint.availability.status(requireCounsellor(), frame, socketId)
                .map(this::reply));
        handlers.put("accept", frame -> endpoint.offers.accept(requireCounsellor(), Fields.conversation(frame)));
        handlers.put("decline", frame -> endpoint.offers.decline(requireCounsellor(), Fields.conversation(frame)));
        handlers.put("pick", frame -> endpoint.offers.pick(requireCounsellor(), association,
                Fields.conversation(frame)));
        handlers.put("transfer", frame -> endpoint.transfers.transfer(requireCounsellor(), heldConversation(frame),
                frame));
        handlers.put("transfer_targets", frame -> endpoint.transfers.targets(requireCounsellor()).map(this::reply));
        handlers.put("send", frame -> endpoint.chats.fromCounsellor(requireCounsellor(), Fields.conversation(frame),
                held::shows, endpoint.chats.message(frame)).map(this::reply));
        handlers.put("typing", frame -> endpoint.chats.typing(heldConversation(frame), Side.COUNSELLOR));
        // abusive: true also blocks the chat's client, and says if it could (first: an end then refused leaves it)
        handlers.put("end", frame -> endpoint.blocks.ifAbusive(frame, requireCounsellor(), heldConversation(frame))
                .compose(blocked -> {
                    blocked.ifPresent(this::reply);
                    return endpoint.chats.endByCounsellor(counsellor, heldConversation(frame));
                }));
        // after the end, by the counsellor who held it last (an abuser who left first)
        handlers.put("block", frame -> endpoint.blocks.afterEnd(requireCounsellor(), Fields.conversation(frame))
                .map(this::reply));
        handlers.put("ping", frame -> Future.succeededFuture(reply(new JsonObject().put("type", "pong"))));
        // the safety tools serve a chat she held when it ended too: what the visitor said before she left
        handlers.put("directory", frame -> {
            Optional<String> conversation = namedConversation(frame);
            return endpoint.directory.search(requireCounsellor(), conversation, conversation.flatMap(held::triage),
                    frame).map(this::reply);
        });
        handlers.put("escalate", frame -> {
            String conversation = Fields.conversation(frame);
            return endpoint.escalations.escalate(requireCounsellor(), conversation, held.triage(conversation), frame,
                    this::reply);
        });
        // asks the visitor whether they want to share where they are; they must agree on their page
        handlers.put("request_location", frame -> endpoint.conversations.requestLocation(heldConversation(frame)));
        handlers.put("risk", frame -> endpoint.caseRecords.risk(requireCounsellor(), heldConversation(frame), frame,
                socketId).map(this::reply));
        handlers.put("note", frame -> endpoint.caseRecords.note(requireCounsellor(), heldConversation(frame), frame,
                socketId).map(this::reply));
        // not only for held chats: an outcome may be recorded after the end, by the counsellor who held it last
        handlers.put("outcome", frame -> endpoint.caseRecords.outcome(requireCounsellor(), frame, socketId)
                .map(this::reply));
        handlers.put("help", frame -> endpoint.help.ask(requireCounsellor(), heldConversation(frame)).map(this::reply));
        this.channel = new FrameChannel(socket, place, endpoint.config.limits(), endpoint.inHand,
                Map.copyOf(handlers), this::closed, socketId);
        this.authTimer = StaffSession.authDeadline(vertx, channel, authStarted);
    }

    private Future<Void> auth(JsonObject frame) {
        if (counsellor != null || authenticating) {
            throw new ProtocolException(ProtocolError.ALREADY_STARTED, "This console is already authenticated.", null);
        }
        String givenToken = Fields.string(frame, "token", 128);
        JsonObject resume = Fields.object(frame, "resume");
        List<String> ended = Fields.references(frame, "ended");
        authenticating = true;
        SessionStore.Session[] live = new SessionStore.Session[1];
        return endpoint.sessions.touch(givenToken)
                .compose(found -> {
                    live[0] = found.orElse(null);
                    Counsellor who = found.flatMap(session -> endpoint.config.counsellor(session.counsellorId()))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.SESSION_EXPIRED));
                    counsellor = who;
                    association = endpoint.config.associationsById().get(who.associationId());
                    offers = new ShownOffers(vertx, who.id(), endpoint.conversations, endpoint.offers, channel);
                    held = new HeldChats(vertx, endpoint, channel, who.id());
                    return endpoint.counsellors.registerProfile(who).compose(done -> {
                        leaseAsked = true; // its script may run although Redis's answer is lost
                        return endpoint.counsellors.consoleAlive(who.id(), socketId, routing.consoleLease());
                    });
                })
                .compose(alive -> endpoint.events.subscribe(Keys.counsellorChannel(counsellor.id()),
                        raw -> welcomed.handle(() -> onCounsellorEvent(raw)), () -> welcomed.handle(this::catchUp)))
                .compose(subscription -> {
                    counsellorEvents = subscription;
                    return StaffSession.start(vertx, endpoint.sessions, endpoint.events,
                            endpoint.config.sessions().idle(), givenToken, live[0], channel);
                })
                .compose(started -> {
                    session = started;
                    if (closed) { // closed during the auth: what it started since is stopped too
                        logOut();
                        return Future.succeededFuture();
                    }
                    renewTimer = vertx.setPeriodic(routing.consoleLease().toMillis() / 3, id -> renewLease());
                    return welcome(resume, ended);
                })
                .onFailure(failure -> {
                    authenticating = false;
                    if (failure instanceof ProtocolException) {
                        vertx.setTimer(50, id -> channel.close(StaffSession.SESSION_ENDED, "session expired"));
                    } else if (!welcomed.isOpen() && !closed) {
                        undoLogin();
                    }
                });
    }

    /** Redis failed an {@code auth} before its {@code welcome}: undone, so that the page may send it again. */
    private void undoLogin() {
        logOut();
        counsellor = null;
        association = null;
        offers = null;
        held = null;
        counsellorEvents = null;
        session = null;
        leaseAsked = false;
        renewTimer = -1;
        welcomed = new WelcomeGate();
        vertx.cancelTimer(authTimer);
        authTimer = StaffSession.authDeadline(vertx, channel, authStarted);
    }

    private Future<Void> welcome(JsonObject resume, List<String> ended) {
        Future<Availability> availability = endpoint.counsellors.availability(counsellor.id());
        Future<Set<String>> holding = endpoint.counsellors.conversations(counsellor.id());
        Future<Set<String>> offered = endpoint.counsellors.offers(counsellor.id());
        Future<JsonObject> presence = endpoint.availability.welcome(counsellor.id());
        Future<Boolean> setAway = endpoint.counsellors.awayForLostConnection(counsellor.id());
        return Future.all(List.of(availability, holding, offered, presence, setAway)).map(state -> {
            JsonObject welcome = endpoint.caseRecords.welcome(ConsoleFrames.welcome(counsellor, association,
                    availability.result(), holding.result(), endpoint.config.limits()), counsellor.associationId())
                    .put("labels", TriageLabelFrames.staff(endpoint.config.triage())).mergeIn(presence.result());
            if (setAway.result()) { // her connection was lost long enough: she must see why she is away
                welcome.put("awayBy", ConsoleFrames.CONNECTION_LOST);
            }
            channel.send(welcome);
            welcomed.open();
            if (association.allowPick() && !closed) { // closed during the reads: nothing to watch for
                endpoint.queueUpdates.watchPickList(this, counsellor, channel::send);
            }
            held.resume(resume, holding.result(), ended);
            offered.result().forEach(offers::show);
            return null;
        });
    }

    private void onCounsellorEvent(String raw) {
        JsonObject event = new JsonObject(raw);
        String conversation = event.getString("conversation");
        LOG.debug("Console of {} got {} for {}", counsellor.id(), event.getString("type"), conversation);
        switch (ChatEvent.of(event.getString("type"))) {
            case ASSIGNED -> {
                offers.forget(conversation);
                held.followAssigned(conversation);
            }
            case OFFER -> offers.show(conversation);
            case RELEASED -> { // a chat held, or an offer given back with her chats
                held.release(conversation);
                offers.forget(conversation);
                channel.send(event);
            }
            case RISK, NOTE -> {
                if (held.follows(conversation)) {
                    CaseRecordFrames.announced(event, socketId).ifPresent(channel::send);
                }
            }
            case OUTCOME_RECORDED -> CaseRecordFrames.announced(event, socketId).ifPresent(channel::send);
            case SUPERVISION -> channel.send(endpoint.conversations.readable(event)); // a whisper's text is sealed
            case OFFER_WITHDRAWN -> {
                offers.forget(conversation);
                channel.send(event);
            }
            case STATUS -> CaseRecordFrames.announced(event, socketId).ifPresent(channel::send); // others' change
            case ENDED -> offers.ended(conversation); // a held conversation's end arrives through its feed
            case ERASED -> {
                if (!held.follows(conversation)) {
                    held.sendErased(conversation);
                }
            }
            default -> { } // other events arrive on the conversation's own channel
        }
    }

    /**
     * After a pub/sub drop: pick up conversations assigned and offers made or withdrawn meanwhile, and say what became
     * of the chats shown that she no longer holds (ended, transferred, taken over, requeued while their word was lost).
     */
    private void catchUp() {
        if (counsellor == null || closed) {
            return;
        }
        held.catchUp();
        held.retrying("Showing a console's offers", () -> offers.catchUp(() -> endpoint.counsellors.offers(
                counsellor.id())));
    }

    private void renewLease() {
        if (closed || counsellor == null) {
            return;
        }
        if (channel.closeIfSilentFor(routing.heartbeatTimeout())) {
            return;
        }
        endpoint.counsellors.consoleAlive(counsellor.id(), socketId, routing.consoleLease()).onSuccess(lapsed -> {
            if (lapsed || lapseUntold) {
                lapseUntold = true;
                tellIfSetAway();
            }
        });
    }

    /**
     * This open console's lease had lapsed (its node could not renew it in time): if its counsellor was set away for
     * it meanwhile (not merely away by her own choice: another console of hers may have kept her present), the chats
     * it shows that are no longer hers are released and it is told so, and reconnects. {@code counsellor_gone.lua}
     * tells it too, but that word is lost when this node's pub/sub link was down as well. Tried again at the next
     * renewal if a read fails.
     */
    private void tellIfSetAway() {
        String id = counsellor.id();
        endpoint.counsellors.awayForLostConnection(id).compose(setAway -> !setAway
                ? Future.succeededFuture() : endpoint.counsellors.conversations(id)
                        .compose(holding -> endpoint.counsellors.awayReason(id).map(reason -> {
                            if (!closed) {
                                held.releaseAllBut(holding).forEach(conversation -> channel.send(
                                        ConsoleFrames.released(conversation, "offline")));
                                channel.send(ConsoleFrames.setAwayConnectionLost(reason));
                            }
                            return null;
                        }))).onSuccess(told -> lapseUntold = false);
    }

    private void closed() {
        closed = true;
        vertx.cancelTimer(authTimer);
        logOut();
    }

    /** Stops what a logged-in console does, and gives its lease up (for the reconnect grace). */
    private void logOut() {
        if (renewTimer >= 0) {
            vertx.cancelTimer(renewTimer);
        }
        endpoint.queueUpdates.forget(this);
        if (counsellorEvents != null) {
            counsellorEvents.cancel();
        }
        if (session != null) {
            session.stop();
        }
        if (held != null) { // and offers: both made by the auth
            held.close();
            offers.close();
        }
        if (leaseAsked) { // not for an auth that failed before: that would start her grace as if a console closed
            endpoint.counsellors.consoleClosed(counsellor.id(), socketId, routing.reconnectGrace());
        }
    }

    private Counsellor requireCounsellor() {
        if (counsellor == null || !welcomed.isOpen()) { // an auth under way is no auth yet (protocol.md)
            throw new ProtocolException(ProtocolError.UNAUTHENTICATED);
        }
        return counsellor;
    }

    private Void reply(JsonObject frame) {
        channel.send(frame);
        return null;
    }

    /** The conversation a frame names, if it names one (a directory search need not). */
    private static Optional<String> namedConversation(JsonObject frame) {
        return frame.getValue("conversation") == null ? Optional.empty() : Optional.of(Fields.conversation(frame));
    }

    /** The frame's conversation, held by this console's counsellor (who must be authenticated first). */
    private String heldConversation(JsonObject frame) {
        requireCounsellor();
        String conversation = Fields.conversation(frame);
        if (!held.shows(conversation)) {
            throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
        }
        return conversation;
    }
}
