package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.helpline.HelplineServices;
import org.helpline.auth.Secrets;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.Assignment;
import org.helpline.domain.Association;
import org.helpline.domain.Availability;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Counsellor;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.Side;
import org.helpline.domain.WaitingConversation;
import org.helpline.store.ConversationRecord;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;

/**
 * One counsellor console's WebSocket. It authenticates with a session token, then keeps a lease on the counsellor's
 * presence (renewed every third of the lease; it runs out by itself if this node dies), receives offers, follows every
 * conversation the counsellor holds, and lets them accept, decline, pick, transfer and end. A console that sends
 * nothing for the heartbeat timeout is closed; when the session expires the console is told and closed.
 */
final class ConsoleSocket {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleSocket.class);
    static final Duration AUTH_DEADLINE = Duration.ofSeconds(15);
    static final short SESSION_ENDED = 4001;
    static final short HEARTBEAT_MISSED = 4002;
    static final int MAX_NOTE_CHARS = 2000;
    /** Chats of a reconnecting console checked for a delete made while it was away, at most. */
    private static final int MAX_RESUMED = 50;

    private final Vertx vertx;
    private final HelplineServices services;
    private final RoutingSettings routing;
    private final FrameChannel channel;
    private final CaseRecordFrames caseRecords;
    private final String socketId = Secrets.random(12);
    private final Map<String, ConversationFeed> feeds = new HashMap<>();
    private final java.util.Set<String> shownOffers = new java.util.HashSet<>();
    private final long authTimer;
    private Counsellor counsellor;
    private Association association;
    private String token;
    private boolean authenticating;
    private EventChannels.Subscription counsellorEvents;
    private long renewTimer = -1;
    private boolean closed;

    ConsoleSocket(Vertx vertx, ServerWebSocket socket, HelplineServices services) {
        this.vertx = vertx;
        this.services = services;
        this.routing = services.config().routing();
        Map<String, Function<JsonObject, Future<?>>> handlers = new HashMap<>();
        handlers.put("auth", this::auth);
        handlers.put("status", this::status);
        handlers.put("accept", this::accept);
        handlers.put("decline", this::decline);
        handlers.put("pick", this::pick);
        handlers.put("transfer", this::transfer);
        handlers.put("send", this::send);
        handlers.put("typing", this::typing);
        handlers.put("end", this::end);
        handlers.put("ping", this::ping);
        handlers.put("directory", this::searchDirectory);
        handlers.put("escalate", this::escalate);
        handlers.put("request_location", this::requestLocation);
        handlers.put("risk", this::risk);
        handlers.put("note", this::note);
        handlers.put("outcome", this::outcome);
        this.channel = new FrameChannel(socket, services.config().limits(), Map.copyOf(handlers), this::closed);
        this.caseRecords = new CaseRecordFrames(services.config().console(), services.caseRecords(),
                services.outcomeMeters(), channel, socketId);
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
                    association = services.config().associationsById().get(who.associationId());
                    token = givenToken;
                    vertx.cancelTimer(authTimer);
                    return services.counsellors().registerProfile(who)
                            .compose(done -> services.counsellors().consoleAlive(who.id(), socketId,
                                    routing.consoleLease()));
                })
                .compose(live -> services.events().subscribe(Keys.counsellorChannel(counsellor.id()),
                        this::onCounsellorEvent, this::catchUp))
                .compose(subscription -> {
                    counsellorEvents = subscription;
                    if (closed) {
                        subscription.cancel();
                        return Future.succeededFuture();
                    }
                    renewTimer = vertx.setPeriodic(routing.consoleLease().toMillis() / 3, id -> renewLease());
                    if (association.allowPick()) {
                        services.queueUpdates().watchPickList(this, counsellor, channel::send);
                    }
                    return welcome(resume);
                })
                .onFailure(failure -> {
                    authenticating = false;
                    if (failure instanceof ProtocolException) {
                        vertx.setTimer(50, id -> channel.close(SESSION_ENDED, "session expired"));
                    }
                });
    }

    private Future<Void> welcome(JsonObject resume) {
        Future<Availability> availability = services.counsellors().availability(counsellor.id());
        Future<Set<String>> held = services.counsellors().conversations(counsellor.id());
        Future<Set<String>> offered = services.counsellors().offers(counsellor.id());
        return Future.all(availability, held, offered).compose(state -> {
            channel.send(caseRecords.welcome(new JsonObject().put("type", "welcome")
                    .put("counsellor", new JsonObject().put("id", counsellor.id())
                            .put("name", counsellor.displayName())
                            .put("association", counsellor.associationId())
                            .put("associationName", association.name()))
                    .put("status", availability.result().wireName())
                    .put("capacity", counsellor.capacity())
                    .put("canPick", association.allowPick())
                    .put("conversations", new JsonArray(new ArrayList<>(held.result()))),
                    counsellor.associationId()));
            List<Future<Void>> follows = new ArrayList<>();
            for (String id : held.result()) {
                Object after = resume.getValue(id);
                follows.add(follow(id, after instanceof Number n ? Math.max(0, n.longValue()) : 0));
            }
            offered.result().forEach(this::showOffer);
            resume.fieldNames().stream().filter(id -> !held.result().contains(id) && Fields.isReference(id))
                    .limit(MAX_RESUMED).forEach(this::wipeIfGone);
            return Future.all(follows).mapEmpty();
        });
    }

    /** A chat this console showed before it reconnected, whose visitor deleted it meanwhile, is wiped off the screen. */
    private void wipeIfGone(String id) {
        services.conversations().transcriptGone(id, counsellor.id()).onSuccess(gone -> {
            if (gone) {
                channel.send(new JsonObject().put("type", "ended").put("conversation", id).put("by", "visitor")
                        .put("erased", true));
            }
        });
    }

    private Future<Void> ping(JsonObject frame) {
        channel.send(new JsonObject().put("type", "pong"));
        return Future.succeededFuture();
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

    private Future<Void> accept(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = Fields.conversation(frame);
        return services.conversations().find(conversation).compose(found -> services.queue()
                .accept(conversation, who.id()).map(result -> {
                    if (!"ok".equals(result)) {
                        throw new ProtocolException(ProtocolError.OFFER_GONE);
                    }
                    services.meters().offer(who.associationId(), "accepted");
                    found.ifPresent(record -> services.meters().waited(who.associationId(),
                            Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.createdAt()))));
                    return null;
                }));
    }

    private Future<Void> decline(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = Fields.conversation(frame);
        return services.conversations().find(conversation).compose(found -> {
            ConversationRecord record = found.filter(r -> r.status() == ConversationStatus.OFFERED
                            && r.offeredTo().equals(Optional.of(who.id())))
                    .orElseThrow(() -> new ProtocolException(ProtocolError.OFFER_GONE));
            return services.queue().release(conversation, who.id(), record.offerVersion(), "declined")
                    .map(result -> {
                        if (!result.startsWith("ok")) {
                            throw new ProtocolException(ProtocolError.OFFER_GONE);
                        }
                        services.meters().offer(who.associationId(), "declined");
                        services.meters().requeued("declined", 1);
                        return null;
                    });
        });
    }

    private Future<Void> pick(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = Fields.conversation(frame);
        if (!association.allowPick()) {
            throw new ProtocolException(ProtocolError.PICK_NOT_ALLOWED);
        }
        return services.conversations().find(conversation).compose(found -> {
            ConversationRecord record = found.filter(r -> r.status() == ConversationStatus.WAITING)
                    .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_WAITING));
            WaitingConversation waiting = new WaitingConversation(conversation, 0, record.createdAt(),
                    record.triage(), record.step(), Set.of());
            if (!services.routing().admits(waiting, who, java.time.Instant.now())) {
                throw new ProtocolException(ProtocolError.NOT_WAITING, "This chat is not one you can take now.",
                        null);
            }
            return services.queue().pick(new Assignment(conversation, who.id()))
                    .map(outcome -> {
                        if (!outcome.succeeded()) {
                            throw new ProtocolException(ProtocolError.NOT_WAITING, "Not taken: "
                                    + outcome.result() + ".", null);
                        }
                        services.meters().waited(who.associationId(), Duration.ofMillis(outcome.waitedMillis()));
                        return null;
                    });
        });
    }

    private Future<Void> transfer(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = heldConversation(frame);
        Optional<String> toCounsellor = Fields.optionalString(frame, "", "toCounsellor");
        Optional<String> toAssociation = Fields.optionalString(frame, "", "toAssociation");
        if (toCounsellor.isPresent() == toAssociation.isPresent()) {
            throw ProtocolException.invalid("toCounsellor", "give exactly one of toCounsellor or toAssociation");
        }
        String note = Fields.optionalString(frame, "", "note").orElse("");
        if (note.length() > MAX_NOTE_CHARS) {
            throw ProtocolException.invalid("note", "note must have at most " + MAX_NOTE_CHARS + " characters");
        }
        String noteJson = note.isEmpty() ? "" : new JsonObject().put("from", who.displayName())
                .put("fromAssociation", who.associationId()).put("text", note)
                .put("at", System.currentTimeMillis()).encode();
        Future<List<String>> candidates;
        if (toCounsellor.isPresent()) {
            String target = toCounsellor.get();
            if (services.config().counsellor(target).isEmpty() || target.equals(who.id())) {
                throw ProtocolException.invalid("toCounsellor", "no other counsellor has this id");
            }
            candidates = Future.succeededFuture(List.of(target));
        } else {
            String target = toAssociation.get();
            if (!services.config().associationsById().containsKey(target)) {
                throw ProtocolException.invalid("toAssociation", "no association has this id");
            }
            candidates = services.counsellors().reachable().map(reachable -> reachable.stream()
                    .filter(c -> c.counsellor().associationId().equals(target) && !c.id().equals(who.id()))
                    .filter(c -> c.freeCapacity() > 0)
                    .sorted(Comparator.comparingInt(ReachableCounsellor::load)
                            .thenComparingLong(ReachableCounsellor::lastAssignedAt))
                    .map(ReachableCounsellor::id).toList());
        }
        return candidates.compose(ids -> tryTransfer(conversation, who.id(), ids, 0, noteJson, "no_counsellor"));
    }

    private Future<Void> tryTransfer(String conversation, String from, List<String> targets, int index,
                                     String noteJson, String lastReason) {
        if (index >= targets.size()) {
            return Future.failedFuture(new ProtocolException(ProtocolError.TRANSFER_FAILED,
                    "Nobody could take the chat (" + lastReason + "); it stays with you.", null));
        }
        return services.queue().transfer(conversation, from, targets.get(index), noteJson).compose(result -> {
            if ("ok".equals(result)) {
                return Future.succeededFuture();
            }
            if ("not_assigned".equals(result)) {
                return Future.failedFuture(new ProtocolException(ProtocolError.NOT_ASSIGNED));
            }
            return tryTransfer(conversation, from, targets, index + 1, noteJson, result);
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
                    if (outcome.startsWith("ok:")) {
                        services.escalationMeters().ended(outcome.substring(3));
                    }
                    return null;
                });
    }

    /**
     * Searches the directory: by the triage of a held conversation when {@code conversation} is given, otherwise by the
     * given {@code topic}, {@code region}, {@code language}; open now unless {@code openNow} is false.
     */
    private Future<Void> searchDirectory(JsonObject frame) {
        requireCounsellor();
        Future<org.helpline.domain.Triage> need;
        if (frame.getValue("conversation") != null) {
            String conversation = heldConversation(frame);
            need = services.conversations().find(conversation).map(found -> found
                    .map(ConversationRecord::triage).orElse(org.helpline.domain.Triage.none()));
        } else {
            need = Future.succeededFuture(TriageFrame.parse(frame));
        }
        boolean openNow = !Boolean.FALSE.equals(frame.getValue("openNow"));
        return need.map(triage -> {
            var directory = services.directory().current();
            java.time.Instant now = java.time.Instant.now();
            List<org.helpline.domain.Hotline> found = openNow ? directory.openFor(triage, now)
                    : directory.hotlines().stream().filter(hotline -> !hotline.emergency()).toList();
            String language = triage.language().orElse("fr");
            channel.send(new JsonObject().put("type", "directory")
                    .put("hotlines", HotlineFrames.encode(found, language, now))
                    .put("emergency", HotlineFrames.encode(directory.emergencies(triage.region()
                            .flatMap(directory::countryOf)), language, now)));
            return null;
        });
    }

    private Future<Void> risk(JsonObject frame) {
        return caseRecords.risk(requireCounsellor(), heldConversation(frame), frame);
    }

    private Future<Void> note(JsonObject frame) {
        return caseRecords.note(requireCounsellor(), heldConversation(frame), frame);
    }

    /** Not only for held chats: an outcome may be recorded after the end, by the counsellor who held it last. */
    private Future<Void> outcome(JsonObject frame) {
        return caseRecords.outcome(requireCounsellor(), frame);
    }

    /** Asks the visitor whether they want to share where they are; they must agree on their page. */
    private Future<Void> requestLocation(JsonObject frame) {
        requireCounsellor();
        return services.conversations().requestLocation(heldConversation(frame));
    }

    /**
     * Escalates a held conversation to the emergency services of the visitor's country ({@code target: "emergency"})
     * or to a directory line (its id). The console gets the number and a script; supervisors are alerted; the
     * webhook carries only what the counsellor chose to include; the escalation is recorded without any text.
     */
    private Future<Void> escalate(JsonObject frame) {
        Counsellor who = requireCounsellor();
        String conversation = heldConversation(frame);
        String targetName = Fields.string(frame, "target", 64);
        JsonObject include = Fields.object(frame, "include");
        boolean withLocation = Fields.flag(include, "include.", "location");
        boolean withTriage = Fields.flag(include, "include.", "triage");
        String note = Fields.optionalString(frame, "", "note").orElse("");
        if (note.length() > MAX_NOTE_CHARS) {
            throw ProtocolException.invalid("note", "note must have at most " + MAX_NOTE_CHARS + " characters");
        }
        var directory = services.directory().current();
        return Future.all(services.conversations().find(conversation), services.conversations().location(conversation))
                .compose(loaded -> {
                    ConversationRecord record = loaded.<Optional<ConversationRecord>>resultAt(0)
                            .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_ASSIGNED));
                    Optional<String> location = loaded.resultAt(1);
                    boolean emergency = "emergency".equals(targetName);
                    org.helpline.domain.Hotline target = emergency
                            ? directory.emergencies(record.triage().region().flatMap(directory::countryOf)).stream()
                                    .findFirst().orElseThrow(() -> ProtocolException.invalid("target",
                                            "the directory lists no emergency number"))
                            : directory.hotline(targetName).orElseThrow(() -> ProtocolException.invalid("target",
                                    "target must be emergency or a directory line id"));
                    String kind = emergency || target.emergency() ? "emergency" : "service";
                    String number = target.numbers().get(0).number();
                    String language = record.triage().language().orElse("fr");
                    String id = Secrets.random(12);
                    long at = System.currentTimeMillis();
                    channel.send(new JsonObject().put("type", "escalation").put("conversation", conversation)
                            .put("escalation", id).put("kind", kind)
                            .put("target", HotlineFrames.encode(target, language, java.time.Instant.now()))
                            .put("script", services.config().escalation().script(kind, language, target.name(),
                                    number))
                            .put("locationIncluded", withLocation && location.isPresent()));
                    JsonObject alert = new JsonObject().put("type", "alert").put("kind", "escalation")
                            .put("escalation", id).put("conversation", conversation)
                            .put("association", who.associationId()).put("counsellor", who.displayName())
                            .put("target", target.id()).put("targetName", target.name()).put("targetKind", kind)
                            .put("at", at);
                    services.escalations().alert(alert);
                    JsonObject body = new JsonObject().put("id", id).put("type", "escalation").put("at", at)
                            .put("association", who.associationId())
                            .put("target", new JsonObject().put("kind", kind).put("id", target.id())
                                    .put("name", target.name()).put("number", number));
                    if (withTriage) {
                        body.put("triage", TriageFrame.encode(record.triage()));
                    }
                    if (withLocation) {
                        location.ifPresent(place -> body.put("location", place));
                    }
                    if (!note.isEmpty()) {
                        body.put("note", note);
                    }
                    services.webhook().deliver(id, body).onComplete(delivered -> {
                        String outcome = delivered.succeeded() ? delivered.result() : "failed";
                        services.escalationMeters().escalated(kind, outcome);
                        services.escalations().record(new JsonObject().put("id", id).put("at", at)
                                .put("association", who.associationId()).put("targetKind", kind)
                                .put("target", target.id()).put("webhook", outcome));
                    });
                    return Future.<Void>succeededFuture();
                });
    }

    private void onCounsellorEvent(String raw) {
        JsonObject event = new JsonObject(raw);
        String conversation = event.getString("conversation");
        LOG.debug("Console of {} got {} for {}", counsellor.id(), event.getString("type"), conversation);
        switch (event.getString("type", "")) {
            case "assigned" -> {
                shownOffers.remove(conversation);
                follow(conversation, 0);
            }
            case "offer" -> showOffer(conversation);
            case "released" -> {
                release(conversation);
                channel.send(event);
            }
            case "risk", "note" -> {
                if (feeds.containsKey(conversation)) {
                    caseRecords.announced(event);
                }
            }
            case "outcome_recorded" -> caseRecords.announced(event);
            case "offer_withdrawn", "status" -> {
                shownOffers.remove(conversation);
                channel.send(event);
            }
            case "ended" -> {
                if (shownOffers.remove(conversation)) {
                    channel.send(new JsonObject().put("type", "offer_withdrawn").put("conversation", conversation)
                            .put("reason", "ended"));
                }
                // a held conversation's end arrives through its feed
            }
            case "erased" -> {
                if (!feeds.containsKey(conversation)) {
                    channel.send(new JsonObject().put("type", "ended").put("conversation", conversation)
                            .put("by", Side.VISITOR.wireName()).put("erased", true));
                }
            }
            default -> {
                // other events arrive on the conversation's own channel
            }
        }
    }

    /** After a pub/sub drop: pick up conversations assigned and offers made meanwhile. */
    private void catchUp() {
        if (counsellor == null || closed) {
            return;
        }
        services.counsellors().conversations(counsellor.id()).onSuccess(held -> held.forEach(id -> follow(id, 0)));
        services.counsellors().offers(counsellor.id()).onSuccess(offers -> offers.forEach(this::showOffer));
    }

    private void showOffer(String conversation) {
        services.conversations().find(conversation).onSuccess(found -> found
                .filter(record -> record.status() == ConversationStatus.OFFERED
                        && record.offeredTo().equals(Optional.of(counsellor.id())))
                .ifPresent(record -> showOffer(record)));
    }

    private void showOffer(ConversationRecord record) {
        String conversation = record.id();
        shownOffers.add(conversation);
        channel.send(new JsonObject().put("type", "offer")
                .put("conversation", conversation)
                .put("triage", TriageFrame.encode(record.triage()))
                .put("priority", QueuePriority.classOf(record.triage()).wireName())
                .put("waitedSeconds", Math.max(0, (System.currentTimeMillis() - record.createdAt()) / 1000))
                .put("acceptWithinSeconds", routing.acceptTimeout().toSeconds()));
    }

    /** Starts following a held conversation: its triage and notes first, then its messages after {@code afterSeq}. */
    private Future<Void> follow(String conversationId, long afterSeq) {
        if (feeds.containsKey(conversationId) || closed) {
            return Future.succeededFuture();
        }
        feeds.put(conversationId, null);
        Future<Optional<ConversationRecord>> record = services.conversations().find(conversationId);
        Future<List<JsonObject>> notes = services.conversations().notes(conversationId);
        Future<Optional<JsonObject>> risk = services.caseRecords().risk(conversationId);
        return Future.all(record, notes, risk)
                .compose(loaded -> {
                    Optional<ConversationRecord> found = record.result();
                    if (found.isEmpty() || !found.get().counsellorId().equals(Optional.of(counsellor.id()))
                            || found.get().status() != ConversationStatus.ACTIVE) {
                        feeds.remove(conversationId);
                        return Future.succeededFuture();
                    }
                    return ConversationFeed.subscribe(conversationId, Side.COUNSELLOR, afterSeq,
                            services.conversations(), services.events(), this::deliver).map(feed -> {
                                if (closed || !feeds.containsKey(conversationId)) {
                                    feed.close();
                                    return null;
                                }
                                feeds.put(conversationId, feed);
                                channel.send(new JsonObject().put("type", "assigned")
                                        .put("conversation", conversationId)
                                        .put("triage", TriageFrame.encode(found.get().triage()))
                                        .put("priority", QueuePriority.classOf(found.get().triage()).wireName())
                                        .put("startedAt", found.get().createdAt())
                                        .put("status", found.get().status().wireName())
                                        .put("notes", new JsonArray(new ArrayList<>(notes.result())))
                                        .put("risk", risk.result().orElse(null)));
                                found.get().visitorAway().ifPresent(reason -> channel.send(new JsonObject()
                                        .put("type", "visitor_presence").put("conversation", conversationId)
                                        .put("present", false).put("reason", reason)
                                        .put("at", found.get().visitorAwaySince())));
                                feed.open();
                                return null;
                            });
                })
                .onFailure(failure -> {
                    LOG.debug("Console of {} could not follow {}: {}", counsellor.id(), conversationId,
                            failure.toString());
                    feeds.remove(conversationId);
                })
                .mapEmpty();
    }

    private void deliver(JsonObject event) {
        String type = event.getString("type");
        if ("assigned".equals(type) || "transferred".equals(type) || "requeued".equals(type)) {
            return;
        }
        channel.send(event);
        if ("ended".equals(type)) {
            release(event.getString("conversation"));
        }
    }

    private void release(String conversation) {
        ConversationFeed feed = feeds.remove(conversation);
        if (feed != null) {
            feed.close();
        }
    }

    private void renewLease() {
        if (closed || counsellor == null) {
            return;
        }
        if (channel.silence().compareTo(routing.heartbeatTimeout()) > 0) {
            channel.send(ErrorFrames.of(ProtocolError.HEARTBEAT_MISSED));
            channel.close(HEARTBEAT_MISSED, "heartbeat missed");
            return;
        }
        services.sessions().touch(token).onSuccess(session -> {
            if (session.isEmpty()) {
                channel.send(ErrorFrames.of(ProtocolError.SESSION_EXPIRED));
                channel.close(SESSION_ENDED, "session expired");
            } else {
                services.counsellors().consoleAlive(counsellor.id(), socketId, routing.consoleLease());
            }
        });
    }

    private void closed() {
        closed = true;
        vertx.cancelTimer(authTimer);
        if (renewTimer >= 0) {
            vertx.cancelTimer(renewTimer);
        }
        services.queueUpdates().forget(this);
        if (counsellorEvents != null) {
            counsellorEvents.cancel();
        }
        feeds.values().stream().filter(Objects::nonNull).forEach(ConversationFeed::close);
        feeds.clear();
        if (counsellor != null) {
            services.counsellors().consoleClosed(counsellor.id(), socketId, routing.reconnectGrace());
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
