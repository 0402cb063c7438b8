package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.helpline.auth.Digests;
import org.helpline.auth.Secrets;
import org.helpline.config.EscalationSettings;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.Triage;
import org.helpline.metrics.EscalationMeters;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.EscalationStore;
import org.helpline.store.EscalationSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code escalate}: a conversation the console shows, or one its counsellor held when it ended, goes to the emergency
 * services of the visitor's country ({@code target: "emergency"}; refused with {@code country_unknown} when her
 * country is not known and the directory has several) or to a directory line (its id, an emergency number's too).
 * The console gets the number and a script; supervisors are alerted; the webhook carries only what the counsellor
 * chose to include; the escalation is recorded without any text, and kept with the conversation (line, kind, by whom,
 * when) for whoever holds the chat next.
 */
final class EscalationFrames {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationFrames.class);
    private final ConversationStore conversations;
    private final HotlineDirectory directory;
    private final EscalationSettings settings;
    /** How long after an escalation its outcome is due at the latest ({@link EscalationSettings#outcomeWithin}). */
    private final Duration outcomeWithin;
    private final EscalationStore escalations;
    private final EscalationWebhook webhook;
    private final EscalationMeters meters;
    private final Clock clock;
    private final Vertx vertx;
    /**
     * The escalations made while Redis would not take their record, by id: the only trace of them and their alert
     * until it does, so a node that stops first says so in its log ({@link #stopped}).
     */
    private final Map<String, JsonObject> unrecorded = new ConcurrentHashMap<>();

    EscalationFrames(Vertx vertx, ConversationStore conversations, HotlineDirectory directory,
                     EscalationSettings settings, Duration outcomeWithin, EscalationStore escalations,
                     EscalationWebhook webhook, EscalationMeters meters, Clock clock) {
        this.vertx = vertx;
        this.conversations = conversations;
        this.directory = directory;
        this.settings = settings;
        this.outcomeWithin = outcomeWithin;
        this.escalations = escalations;
        this.webhook = webhook;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Escalates: the console is sent the {@code escalation} frame (the number to call and the script) first, then
     * supervisors are alerted and the webhook is called. When Redis cannot be read, the chat's triage is the one the
     * console was given ({@code known}; her console shows the chat, so it is hers) and no location goes with it: the
     * number, the script and the webhook do not wait for Redis, and the record and the alert are tried until it takes
     * them. A chat her console does not show ({@code known} empty) must be hers as stored: held, or held when it ended.
     */
    Future<Void> escalate(Counsellor who, String conversation, Optional<Triage> known, JsonObject frame,
                          Consumer<JsonObject> toConsole) {
        String targetName = Fields.string(frame, "target", 64);
        JsonObject include = Fields.object(frame, "include");
        boolean withLocation = Fields.flag(include, "include.", "location");
        boolean withTriage = Fields.flag(include, "include.", "triage");
        String note = Fields.note(frame);
        Optional<String> clientId = Fields.optionalClientId(frame);
        Directory lines = directory.current();
        Future<Optional<ConversationRecord>> found = conversations.find(conversation);
        Future<Optional<String>> shared = conversations.location(conversation);
        return Future.join(found, shared).transform(loaded -> {
            if (found.failed() && known.isEmpty()) {
                return Future.failedFuture(found.cause());
            }
            Optional<ConversationRecord> record = found.succeeded() ? Optional.of(found.result()
                    .filter(stored -> known.isPresent() || stored.heldOrEndedWith(who.id()))
                    .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_ASSIGNED))) : Optional.empty();
            Triage triage = record.map(ConversationRecord::triage).orElseGet(known::get);
            Optional<String> location = shared.succeeded() ? shared.result() : Optional.empty();
            boolean emergency = "emergency".equals(targetName);
            Hotline target = emergency
                    ? lines.emergencyFor(triage.region().flatMap(lines::countryOf))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.COUNTRY_UNKNOWN))
                    : lines.hotline(targetName).orElseThrow(() -> ProtocolException.invalid("target",
                            "target must be emergency or a directory line id"));
            String kind = emergency || target.emergency() ? "emergency" : "service";
            String number = target.numbers().get(0).number();
            String language = triage.textLanguage();
            // the script in the chat's language (her page's when she gave none for the chat): her counsellor speaks it
            String herLanguage = triage.visitorLanguage(record.flatMap(ConversationRecord::pageLanguage));
            // the same clientId sent again (her console reconnected before the answer came) is the same escalation
            String id = clientId.map(given -> Digests.sha256(conversation + "|" + given).substring(0, 24))
                    .orElseGet(() -> Secrets.random(12));
            Instant now = clock.instant();
            long at = now.toEpochMilli();
            JsonObject answer = new JsonObject().put("type", "escalation").put("conversation", conversation)
                    .put("escalation", id).put("kind", kind)
                    .put("target", HotlineFrames.encode(target, language, now))
                    .put("script", settings.script(kind, herLanguage, target.name(), number))
                    .put("locationIncluded", withLocation && location.isPresent());
            clientId.ifPresent(given -> answer.put("clientId", given));
            toConsole.accept(answer);
            JsonObject withChat = new JsonObject().put("escalation", id)
                    .put("kind", kind).put("target", target.id()).put("targetName", target.name())
                    .put("number", number).put("from", who.displayName()).put("fromAssociation", who.associationId())
                    .put("locationIncluded", withLocation && location.isPresent()).put("at", at);
            JsonObject alert = new JsonObject().put("type", "alert").put("kind", "escalation")
                    .put("escalation", id).put("conversation", conversation)
                    .put("association", who.associationId()).put("counsellor", who.displayName())
                    .put("target", target.id()).put("targetName", target.name()).put("targetKind", kind)
                    .put("at", at);
            JsonObject body = new JsonObject().put("id", id).put("type", "escalation").put("at", at)
                    .put("association", who.associationId())
                    .put("target", new JsonObject().put("kind", kind).put("id", target.id())
                            .put("name", target.name()).put("number", number));
            if (withTriage) {
                body.put("triage", TriageFrame.encode(triage));
            }
            if (withLocation) {
                location.ifPresent(place -> body.put("location", place));
            }
            if (!note.isEmpty()) {
                body.put("note", note);
            }
            // recorded, and the supervisors alerted, while the webhook is tried, with a deadline for its outcome: a
            // node stopping during the retries leaves it recorded, and another node marks it unconfirmed and alerts
            // the supervisors. While Redis fails, the record is tried again until Redis takes it (once: the script
            // finds an entry of the same id; for an hour at most, then logged), and its outcome once it is there.
            JsonObject entry = new JsonObject().put("id", id).put("at", at).put("association", who.associationId())
                    .put("targetKind", kind).put("target", target.id()).put("targetName", target.name())
                    .put("conversation", conversation).put("counsellor", who.displayName());
            Promise<Void> recorded = Promise.promise();
            Promise<Boolean> firstTry = Promise.promise(); // recorded now, or Redis failed: the webhook is called
            unrecorded.put(id, entry);
            EscalationSummary summary = new EscalationSummary(conversation, who.id(), withChat);
            RedisRetries.retrying(vertx, LOG, "Recording an escalation", () -> escalations.recordPending(entry.copy()
                    .put("webhook", WebhookDelivery.PENDING.wireName()), alert, outcomeWithin, summary)
                    .onComplete(tried -> firstTry.tryComplete(tried.failed() || tried.result())), () -> true)
                    .onSuccess(taken -> {
                        unrecorded.remove(id);
                        recorded.tryComplete();
                    })
                    .onFailure(givenUp -> neverRecorded(id, "Redis refused it, or did not take it for an hour"));
            // sent again with its clientId and recorded already: its webhook was called by the first (no second call,
            // no second alert); without a clientId, or while Redis fails, the webhook does not wait for the record
            (clientId.isPresent() ? firstTry.future() : Future.succeededFuture(true)).onSuccess(fresh -> {
                if (fresh) {
                    deliver(id, body, kind, entry, recorded.future());
                }
            });
            return Future.<Void>succeededFuture();
        });
    }

    /** The node stops: an escalation whose record Redis never took is told in the log, for someone to pass it on. */
    void stopped() {
        unrecorded.keySet().forEach(id -> neverRecorded(id, "this node stopped before Redis took it"));
    }

    private void neverRecorded(String id, String why) {
        Optional.ofNullable(unrecorded.remove(id)).ifPresent(entry -> LOG.error("Escalation {} ({} line {}, "
                + "association {}, chat {}, by {}, made at {}) was never recorded: {}. No supervisor was alerted by "
                + "it and no node will mark it unconfirmed: check with the on-call receiver and pass it on by hand.",
                id, entry.getString("targetKind"), entry.getString("target"), entry.getString("association"),
                entry.getString("conversation"), entry.getString("counsellor"),
                Instant.ofEpochMilli(entry.getLong("at")), why));
    }

    /** Calls the webhook, then writes its outcome into the record once the escalation is there. */
    private void deliver(String id, JsonObject body, String kind, JsonObject entry, Future<Void> recorded) {
        webhook.deliver(id, body).onComplete(delivered -> {
            String outcome = (delivered.succeeded() ? delivered.result() : WebhookDelivery.FAILED).wireName();
            meters.escalated(kind, outcome);
            // one no longer in the record by then (pushed out, lost in a failover) is recorded again with its outcome
            recorded.onSuccess(there -> RedisRetries.retrying(vertx, LOG,
                    "Recording an escalation's webhook outcome", () -> escalations.settle(entry, outcome),
                    () -> true));
        });
    }
}
