package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Function;
import org.helpline.HelplineServices;
import org.helpline.auth.Digests;
import org.helpline.auth.Secrets;
import org.helpline.domain.Association;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Side;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationRecord;
import java.time.Instant;

/**
 * One visitor's WebSocket. No account and no cookie: the socket starts a conversation (and is given its reference and
 * a resume secret) or resumes one with that secret. Everything said is stored in Redis before it is acknowledged.
 */
final class VisitorSocket {
    static final int MAX_LOCATION_CHARS = 300;

    private final HelplineServices services;
    private final FrameChannel channel;
    private final Map<String, Association> associations;
    private ConversationFeed feed;
    private boolean attaching;
    private String lastAssigned;

    VisitorSocket(ServerWebSocket socket, HelplineServices services) {
        this.services = services;
        this.associations = services.config().associationsById();
        Map<String, Function<JsonObject, Future<?>>> handlers = Map.ofEntries(
                Map.entry("start", this::start),
                Map.entry("resume", this::resume),
                Map.entry("send", this::send),
                Map.entry("typing", this::typing),
                Map.entry("end", this::end),
                Map.entry("danger", this::danger),
                Map.entry("took_alternative", this::tookAlternative),
                Map.entry("share_location", this::shareLocation),
                Map.entry("ping", frame -> reply(new JsonObject().put("type", "pong"))));
        this.channel = new FrameChannel(socket, services.config().limits(), handlers, () -> {
            services.queueUpdates().forget(this);
            if (feed != null) {
                feed.close();
            }
        });
    }

    private Future<Void> start(JsonObject frame) {
        Triage triage = TriageFrame.parse(Fields.object(frame, "triage"));
        claimSocket();
        String id = Secrets.random(16);
        String secret = Secrets.random(32);
        return services.conversations().create(id, triage, Digests.sha256(secret))
                .compose(created -> attach(id, 0, new JsonObject().put("type", "started").put("conversation", id)
                        .put("resumeSecret", secret).put("status", ConversationStatus.WAITING.wireName())))
                .compose(attached -> services.conversations().find(id))
                .<Void>map(found -> {
                    found.filter(record -> record.status() == ConversationStatus.ACTIVE)
                            .ifPresent(this::assignedBeforeSubscription);
                    return null;
                })
                .onSuccess(attached -> {
                    showAlternatives(id, triage);
                    if (triage.inDanger()) {
                        services.escalations().alert(new JsonObject().put("type", "alert").put("kind", "danger")
                                .put("conversation", id).put("status", "waiting")
                                .put("at", System.currentTimeMillis()));
                    }
                })
                .onFailure(failure -> attaching = false);
    }

    private Future<Void> resume(JsonObject frame) {
        String id = Fields.conversation(frame);
        String secret = Fields.string(frame, "resumeSecret", 128);
        long afterSeq = Fields.sequence(frame, "afterSeq");
        claimSocket();
        return services.conversations().find(id)
                .compose(found -> {
                    ConversationRecord record = found.filter(r -> secretMatches(r, secret))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_FOUND));
                    JsonObject resumed = new JsonObject().put("type", "resumed").put("conversation", id)
                            .put("status", visible(record.status())).put("lastSeq", record.lastSeq());
                    record.counsellorName().ifPresent(name -> resumed.put("counsellor",
                            counsellor(name, record.associationId().orElse(""))));
                    return attach(id, afterSeq, resumed).onSuccess(attached -> {
                        if (record.status() == ConversationStatus.WAITING
                                || record.status() == ConversationStatus.OFFERED) {
                            showAlternatives(id, record.triage());
                        }
                    });
                })
                .onFailure(failure -> attaching = false);
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

    private Future<Void> attach(String id, long afterSeq, JsonObject header) {
        return ConversationFeed.subscribe(id, Side.VISITOR, afterSeq, services.conversations(), services.events(),
                this::deliver).map(opened -> {
                    if (!channel.isOpen()) {
                        opened.close();
                        return null;
                    }
                    feed = opened;
                    channel.send(header);
                    opened.open();
                    services.queueUpdates().watchPosition(this, id, channel::send);
                    return null;
                });
    }

    private void deliver(JsonObject event) {
        String type = event.getString("type");
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
