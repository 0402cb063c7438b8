package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.helpline.HelplineServices;
import org.helpline.auth.Digests;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.domain.Association;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Side;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationRecord;
import java.time.Instant;

/**
 * One visitor's WebSocket. No account and no cookie: the socket starts a conversation (and is given its reference, a
 * resume secret and a short resume code) or resumes one with the secret or the code. Everything said is stored in
 * Redis before it is acknowledged. The socket that attached last holds the visitor's presence: when it leaves (quick
 * exit, closed, silent too long) the visitor is away and the conversation is held for them for a while.
 */
final class VisitorSocket {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VisitorSocket.class);
    static final int MAX_LOCATION_CHARS = 300;
    /** Pages ping every 20 s (throttled to about once a minute in a background tab): silence this long is a loss. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(120);
    static final short SILENT = 4002;
    static final short REPLACED = 4003;
    private static final int CODE_ATTEMPTS = 3;
    /** Wrong resume codes one socket may try before it is closed (1008). */
    static final int WRONG_CODES_PER_SOCKET = 5;

    private final HelplineServices services;
    private final FrameChannel channel;
    private final Map<String, Association> associations;
    private final String socketId = Secrets.random(12);
    private long silenceTimer;
    private ConversationFeed feed;
    private boolean attaching;
    private int wrongCodes;
    private String lastAssigned;
    /** The last presence change this socket asked for; leaving waits for it, so Redis sees them in order. */
    private Future<String> presence;
    private boolean present;
    /** Away declared, erased or replaced: closing changes nothing more. */
    private boolean leaving;
    private boolean erasedTold;

    VisitorSocket(Vertx vertx, ServerWebSocket socket, HelplineServices services) {
        this.services = services;
        this.associations = services.config().associationsById();
        Map<String, Function<JsonObject, Future<?>>> handlers = Map.ofEntries(
                Map.entry("start", this::start),
                Map.entry("resume", this::resume),
                Map.entry("send", present(this::send)),
                Map.entry("typing", present(this::typing)),
                Map.entry("end", this::end),
                Map.entry("forget", this::forget),
                Map.entry("away", this::away),
                Map.entry("danger", present(this::danger)),
                Map.entry("took_alternative", present(this::tookAlternative)),
                Map.entry("share_location", present(this::shareLocation)),
                // not a ping: a tab left open in the background must not take the presence back from a quick exit
                Map.entry("ping", frame -> reply(new JsonObject().put("type", "pong"))));
        this.channel = new FrameChannel(socket, services.config().limits(), handlers, () -> {
            vertx.cancelTimer(this.silenceTimer);
            services.queueUpdates().forget(this);
            if (feed != null) {
                feed.close();
                leave("connection_lost");
            }
        });
        this.silenceTimer = vertx.setPeriodic(SILENCE_LIMIT.toMillis() / 4, id -> {
            if (channel.silence().compareTo(SILENCE_LIMIT) > 0) {
                channel.send(ErrorFrames.of(ProtocolError.HEARTBEAT_MISSED));
                channel.close(SILENT, "silent too long");
            }
        });
    }

    private Future<Void> start(JsonObject frame) {
        Triage triage = TriageFrame.parse(Fields.object(frame, "triage"));
        claimSocket();
        String id = Secrets.random(16);
        String secret = Secrets.random(32);
        return create(id, triage, secret, CODE_ATTEMPTS)
                .compose(code -> attach(id, 0, new JsonObject().put("type", "started").put("conversation", id)
                        .put("resumeSecret", secret).put("resumeCode", ResumeCode.display(code))
                        .put("status", ConversationStatus.WAITING.wireName()), false)
                        .recover(failure -> abandon(id).transform(erased -> Future.failedFuture(failure))))
                .compose(delivered -> delivered ? services.conversations().find(id).map(found -> {
                    found.filter(record -> record.status() == ConversationStatus.ACTIVE)
                            .ifPresent(this::assignedBeforeSubscription);
                    return true;
                }) : abandon(id).map(false))
                .<Void>map(delivered -> {
                    if (delivered) {
                        showAlternatives(id, triage);
                        if (triage.inDanger()) {
                            services.escalations().alert(new JsonObject().put("type", "alert")
                                    .put("kind", "danger").put("conversation", id).put("status", "waiting")
                                    .put("at", System.currentTimeMillis()));
                        }
                    }
                    return null;
                })
                .onFailure(failure -> attaching = false);
    }

    /**
     * The socket went before the visitor got the conversation's secret and code (a quick exit right after "Start"):
     * nobody can ever continue it, so it is erased at once rather than left for a counsellor to find empty.
     */
    private Future<String> abandon(String id) {
        return services.conversations().erase(id);
    }

    /** A new conversation with a fresh resume code; a code already in use (rare: 40 bits) is drawn again. */
    private Future<String> create(String id, Triage triage, String secret, int attempts) {
        String code = ResumeCode.generate();
        return services.conversations().create(id, triage, Digests.sha256(secret), ResumeCode.digest(code))
                .compose(created -> created ? Future.succeededFuture(code)
                        : attempts > 1 ? create(id, triage, secret, attempts - 1)
                        : Future.failedFuture(new IllegalStateException("resume code collisions")));
    }

    private Future<Void> resume(JsonObject frame) {
        if (frame.containsKey("code")) {
            return resumeByCode(frame);
        }
        String id = Fields.conversation(frame);
        String secret = Fields.string(frame, "resumeSecret", 128);
        long afterSeq = Fields.sequence(frame, "afterSeq");
        claimSocket();
        return resume(id, afterSeq, record -> secretMatches(record, secret), null)
                .onFailure(failure -> attaching = false);
    }

    /**
     * Resumes with the short code, from a new tab or browser. The conversation gets a new resume secret (sent in
     * {@code resumed}), and the visitor's other sockets are replaced. Wrong codes count against this socket and against
     * the node's budget of failed look-ups.
     */
    private Future<Void> resumeByCode(JsonObject frame) {
        if (frame.containsKey("conversation") || frame.containsKey("resumeSecret")) {
            throw ProtocolException.invalid("code", "give either code, or conversation and resumeSecret");
        }
        String code = ResumeCode.normalise(frame.getValue("code") instanceof String typed ? typed : null)
                .orElseThrow(() -> ProtocolException.invalid("code",
                        "code must be 12 letters or digits, e.g. ABCD-2345-WXYZ"));
        long afterSeq = Fields.sequence(frame, "afterSeq");
        claimSocket();
        if (!services.resumeCodes().tryLookUp()) {
            attaching = false;
            throw new ProtocolException(ProtocolError.RATE_LIMITED,
                    "Too many wrong resume codes lately; try again in a minute.", null);
        }
        String secret = Secrets.random(32);
        return services.visitors().resumeByCode(ResumeCode.digest(code), Digests.sha256(secret))
                .recover(failure -> {
                    services.resumeCodes().refund(); // Redis failed: the code was not tried
                    return Future.failedFuture(failure);
                })
                .compose(found -> {
                    if (found.isEmpty() && ++wrongCodes >= WRONG_CODES_PER_SOCKET) {
                        // a socket that keeps guessing is closed, whatever else it sends in between
                        channel.send(ErrorFrames.of(new ProtocolException(ProtocolError.NOT_FOUND), "resume"));
                        channel.close(FrameChannel.POLICY_VIOLATION, "too many wrong resume codes");
                        return Future.<Void>succeededFuture();
                    }
                    if (found.isEmpty()) {
                        throw new ProtocolException(ProtocolError.NOT_FOUND);
                    }
                    services.resumeCodes().refund();
                    return resume(found.get(), afterSeq, record -> true, secret);
                })
                .onFailure(failure -> attaching = false);
    }

    private Future<Void> resume(String id, long afterSeq, Predicate<ConversationRecord> allowed, String newSecret) {
        return services.conversations().find(id).compose(found -> {
            ConversationRecord record = found.filter(allowed)
                    .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_FOUND));
            JsonObject resumed = new JsonObject().put("type", "resumed").put("conversation", id)
                    .put("status", visible(record.status())).put("lastSeq", record.lastSeq());
            if (newSecret != null) {
                resumed.put("resumeSecret", newSecret);
            }
            record.counsellorName().ifPresent(name -> resumed.put("counsellor",
                    counsellor(name, record.associationId().orElse(""))));
            return attach(id, afterSeq, resumed, newSecret != null).<Void>map(attached -> {
                if (attached && (record.status() == ConversationStatus.WAITING
                        || record.status() == ConversationStatus.OFFERED)) {
                    showAlternatives(id, record.triage());
                }
                return null;
            });
        });
    }

    private Future<Void> send(JsonObject frame) {
        String clientId = Fields.clientId(frame);
        String text = Fields.text(frame, services.config().limits().maxTextChars());
        String conversation = requireConversation();
        return services.conversations().append(conversation, Side.VISITOR, null, clientId, text)
                .map(result -> {
                    channel.send(Acknowledgements.of(conversation, clientId, result));
                    return null;
                });
    }

    private Future<Void> typing(JsonObject frame) {
        return services.conversations().typing(requireConversation(), Side.VISITOR);
    }

    private Future<Void> end(JsonObject frame) {
        String conversation = requireConversation();
        return services.conversations().endByVisitor(conversation).map(outcome -> {
            if (outcome.startsWith("ok:")) {
                services.escalationMeters().ended(outcome.substring(3));
            } else {
                channel.send(new JsonObject().put("type", "ended").put("conversation", conversation)
                        .put("by", Side.VISITOR.wireName()));
            }
            return null;
        });
    }

    /**
     * "Delete my conversation now": ends it (as the visitor) if needed and erases its transcript at once; the visitor
     * and the counsellor get {@code ended} with {@code erased: true}.
     */
    private Future<Void> forget(JsonObject frame) {
        String conversation = requireConversation();
        return services.conversations().erase(conversation).map(outcome -> {
            leaving = true;
            if (outcome.startsWith("ok:")) {
                services.escalationMeters().ended(outcome.substring(3));
            }
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
        return leave("quick_exit").map(result -> {
            channel.close((short) 1000, "away");
            return null;
        });
    }

    /** "In danger now": top priority at once, supervisors alerted, the emergency numbers sent again. */
    private Future<Void> danger(JsonObject frame) {
        String conversation = requireConversation();
        return services.conversations().raiseToDanger(conversation)
                .compose(status -> services.conversations().find(conversation))
                .map(found -> {
                    Triage triage = found.map(ConversationRecord::triage).orElse(Triage.none());
                    channel.send(HotlineFrames.alternatives(conversation, "danger", triage,
                            services.directory().current(), Instant.now()));
                    return null;
                });
    }

    /** The visitor took one of the hotlines shown to them (a tap on its number). */
    private Future<Void> tookAlternative(JsonObject frame) {
        String conversation = requireConversation();
        String hotline = Fields.string(frame, "hotline", 64);
        if (services.directory().current().hotline(hotline).isEmpty()) {
            throw ProtocolException.invalid("hotline", "no hotline has this id");
        }
        return services.conversations().redirected(conversation, hotline);
    }

    /** A place the visitor chose to share after an explicit consent step on their page; kept with the chat only. */
    private Future<Void> shareLocation(JsonObject frame) {
        String conversation = requireConversation();
        String location = Fields.string(frame, "location", MAX_LOCATION_CHARS);
        return services.conversations().shareLocation(conversation, location);
    }

    private void showAlternatives(String conversation, Triage triage) {
        channel.send(HotlineFrames.alternatives(conversation, "waiting", triage, services.directory().current(),
                Instant.now()));
        services.conversations().alternativesShown(conversation);
    }

    /** Wraps a handler: a frame from a socket that lost the presence (another tab was used since) takes it back. */
    private Function<JsonObject, Future<?>> present(Function<JsonObject, Future<?>> handler) {
        return frame -> {
            if (feed != null && !present && !leaving) {
                attachPresence(feed.conversationId(), false);
            }
            return handler.apply(frame);
        };
    }

    private Future<String> attachPresence(String conversation, boolean replaceOthers) {
        present = true;
        presence = services.visitors().attach(conversation, socketId, replaceOthers).recover(failure -> {
            present = false;
            LOG.warn("Visitor presence not recorded: {}", failure.getClass().getSimpleName());
            return Future.succeededFuture("");
        });
        return presence;
    }

    /** This socket leaves: if it held the presence, the visitor is away and the hold starts. */
    private Future<String> leave(String reason) {
        if (presence == null || leaving) {
            return Future.succeededFuture("not_present");
        }
        leaving = true;
        String conversation = feed.conversationId();
        return presence.transform(ignored -> services.visitors().away(conversation, socketId, reason))
                .onFailure(failure -> LOG.warn("Visitor departure not recorded: {}",
                        failure.getClass().getSimpleName()));
    }

    private void tellErased(String conversation) {
        if (!erasedTold) {
            erasedTold = true;
            services.queueUpdates().forget(this);
            channel.send(new JsonObject().put("type", "ended").put("conversation", conversation)
                    .put("by", Side.VISITOR.wireName()).put("erased", true));
        }
    }

    /**
     * Follows the conversation and takes the visitor's presence before the header ({@code started} / {@code resumed})
     * goes out, so that a client told it is attached is the one holding the presence. True when the socket was still
     * open to be told.
     */
    private Future<Boolean> attach(String id, long afterSeq, JsonObject header, boolean replaceOthers) {
        return ConversationFeed.subscribe(id, Side.VISITOR, afterSeq, services.conversations(), services.events(),
                this::deliver).compose(opened -> {
                    if (!channel.isOpen()) {
                        opened.close();
                        return Future.succeededFuture(false);
                    }
                    feed = opened;
                    return attachPresence(id, replaceOthers).map(taken -> {
                        if (!channel.isOpen()) {
                            return false;
                        }
                        channel.send(header);
                        opened.open();
                        services.queueUpdates().watchPosition(this, id, channel::send);
                        return true;
                    });
                });
    }

    private void deliver(JsonObject event) {
        String type = event.getString("type");
        if ("visitor_presence".equals(type)) {
            return;
        }
        if ("visitor_attached".equals(type)) {
            otherSocketAttached(event);
            return;
        }
        if ("ended".equals(type) && event.getBoolean("erased", false)) {
            tellErased(event.getString("conversation"));
            return;
        }
        if ("ended".equals(type)) {
            services.queueUpdates().forget(this);
        }
        if ("requeued".equals(type)) {
            lastAssigned = null;
        }
        if ("assigned".equals(type)) {
            JsonObject counsellor = event.getJsonObject("counsellor", new JsonObject());
            String who = counsellor.getString("name", "") + "|" + counsellor.getString("association", "");
            if (who.equals(lastAssigned)) {
                return;
            }
            lastAssigned = who;
        }
        if ("assigned".equals(type) || "transferred".equals(type)) {
            JsonObject who = event.getJsonObject("counsellor", new JsonObject());
            event = event.copy().put("counsellor", counsellor(who.getString("name", ""),
                    who.getString("association", "")));
        }
        channel.send(event);
    }

    /** Another socket of the visitor attached: it holds the presence now; after a resume by code it replaces this one. */
    private void otherSocketAttached(JsonObject event) {
        if (socketId.equals(event.getString("socket"))) {
            return;
        }
        present = false;
        if (event.getBoolean("replace", false)) {
            leaving = true;
            channel.send(new JsonObject().put("type", "replaced").put("conversation", feed.conversationId()));
            channel.close(REPLACED, "continued elsewhere");
        }
    }

    private JsonObject counsellor(String name, String associationId) {
        Association association = associations.get(associationId);
        return new JsonObject().put("name", name).put("association", associationId)
                .put("associationName", association == null ? "" : association.name());
    }

    /**
     * A counsellor can take the chat between its creation and the socket's subscription to its events; the
     * {@code assigned} event published then is not seen live, so it is told from the stored state.
     */
    private void assignedBeforeSubscription(ConversationRecord record) {
        deliver(new JsonObject().put("type", "assigned").put("conversation", record.id())
                .put("counsellor", new JsonObject().put("name", record.counsellorName().orElse(""))
                        .put("association", record.associationId().orElse(""))));
    }

    /** A visitor is not told about offers: an offered chat is still waiting for them. */
    private static String visible(ConversationStatus status) {
        return (status == ConversationStatus.OFFERED ? ConversationStatus.WAITING : status).wireName();
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

    private static boolean secretMatches(ConversationRecord record, String secret) {
        byte[] expected = record.secretDigest().getBytes(StandardCharsets.US_ASCII);
        byte[] given = Digests.sha256(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private Future<Void> reply(JsonObject frame) {
        channel.send(frame);
        return Future.succeededFuture();
    }
}
