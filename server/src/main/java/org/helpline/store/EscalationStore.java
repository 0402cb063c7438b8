package org.helpline.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The escalation record (bounded, no message text) and the alerts supervisors receive live, and their log. */
public final class EscalationStore {
    static final long KEPT = 10_000;
    /**
     * Looked through first: a webhook settles within about a minute, and far fewer escalations are made meanwhile; the
     * rest of the record only when an entry is not among them (settling it, firing its deadline).
     */
    static final long SEARCHED = 1_000;
    /** The alert log keeps about 1,000 (prelude.lua): one read takes them all. */
    static final long READ = 2_000;

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;

    public EscalationStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
    }

    /**
     * Adds an escalation just made to the record, its webhook pending, with the deadline by which its outcome is due
     * ({@link #settle}); when that deadline fires, {@link #unconfirmed} marks it. The supervisors get {@code alert}
     * in the same step, and its chat keeps its {@code summary} (the latest {@value CaseRecordStore#MAX_ESCALATIONS}).
     * Answers whether it was recorded now: false when an escalation of the same id was recorded already.
     */
    public Future<Boolean> recordPending(JsonObject entry, JsonObject alert, Duration outcomeWithin,
                                         EscalationSummary summary) {
        String id = entry.getString("id");
        return scripts.text(Scripts.ADD_ESCALATION.call()
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).key("escalations", Keys.ESCALATIONS)
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .key("conversation", Keys.conversation(summary.conversationId()))
                .arg("counsellorId", summary.counsellorId()).arg("summary", summary.entry().encode())
                .arg("maxEscalations", CaseRecordStore.MAX_ESCALATIONS)
                .arg("entry", entry.encode()).arg("kept", KEPT).arg("deadline", Deadline.escalation(id).member())
                .arg("within", outcomeWithin.toMillis()).arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL)
                .arg("alert", alert.encode()).arg("escalationId", id).arg("searched", SEARCHED)).map("ok"::equals);
    }

    /**
     * Writes the webhook's outcome into the entry {@link #recordPending recorded} with {@code "webhook": "pending"}
     * ({@code entry}, as given there without its webhook field); one no longer in the record is recorded again with its
     * outcome (false), with an {@code escalation_settled} alert when its deadline had fired. An outcome {@code failed}
     * or {@code dropped} gives the supervisors an {@code escalation_failed} alert. An entry marked unconfirmed
     * meanwhile takes the outcome too, and the supervisors get an {@code escalation_settled} alert (or that
     * {@code escalation_failed} one, not both); one settled already (this run again, its reply lost) is left as it is,
     * and answered true.
     */
    public Future<Boolean> settle(JsonObject entry, String webhook) {
        String escalationId = entry.getString("id");
        return scripts.integer(Scripts.SETTLE_ESCALATION.call()
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).key("escalations", Keys.ESCALATIONS)
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .arg("escalationId", escalationId).arg("webhook", webhook).arg("searched", SEARCHED)
                .arg("deadline", Deadline.escalation(escalationId).member())
                .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL).arg("entry", entry.encode()).arg("kept", KEPT))
                .map(settled -> settled == 1);
    }

    /**
     * Fires an escalation's deadline: the entry, if its webhook is still pending, is marked unconfirmed, the
     * supervisors get an {@code escalation_unconfirmed} alert, and the entry is returned ({@code {id, webhook}} only
     * for one no longer in the record, alerted by its id); empty when another node fired it or the outcome was
     * written.
     */
    public Future<Optional<JsonObject>> unconfirmed(Deadline deadline) {
        return scripts.text(Scripts.UNCONFIRMED_ESCALATION.call()
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).key("escalations", Keys.ESCALATIONS)
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .arg("firedDeadline", deadline.member()).arg("escalationId", deadline.subject())
                .arg("searched", SEARCHED).arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL))
                .map(marked -> marked == null || marked.isEmpty() ? Optional.empty()
                        : Optional.of(new JsonObject(marked)));
    }

    public Future<List<JsonObject>> recent(int count) {
        return bridge.toFuture(commands.lrange(Keys.ESCALATIONS, 0, count - 1L))
                .map(entries -> entries.stream().map(JsonObject::new).toList());
    }

    /** Sends an alert to every connected supervisor, on any node, and keeps it in the alert log. */
    public Future<Void> alert(JsonObject alert) {
        return scripts.text(Scripts.ALERT_SUPERVISORS.call()
                .key("alertLog", Keys.SUPERVISORS_ALERT_LOG).arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL)
                .arg("alert", alert.encode())).mapEmpty();
    }

    /**
     * Whether the alert log still holds every alert after the one of log id {@code id}: that one is still in it, or,
     * for {@code 0-0} (before every alert), the log has never dropped one (XINFO STREAM: as many added as it holds; a
     * Redis without {@code entries-added}, before 7.0, is answered false). No log at all holds nothing to miss.
     */
    public Future<Boolean> alertKept(String id) {
        if (!LoggedAlert.NONE.equals(id)) {
            return bridge.toFuture(commands.xrange(Keys.SUPERVISORS_ALERT_LOG, Range.create(id, id), Limit.from(1)))
                    .map(entries -> !entries.isEmpty());
        }
        return bridge.toFuture(commands.exists(Keys.SUPERVISORS_ALERT_LOG)).compose(exists -> exists == 0
                ? Future.succeededFuture(true)
                : bridge.toFuture(commands.xinfoStream(Keys.SUPERVISORS_ALERT_LOG)).map(info -> {
                    Map<String, Object> fields = new HashMap<>();
                    for (int i = 0; i + 1 < info.size(); i += 2) {
                        fields.put(String.valueOf(info.get(i)), info.get(i + 1));
                    }
                    return fields.get("entries-added") != null
                            && fields.get("entries-added").equals(fields.get("length"));
                }));
    }

    /** The log id of the newest alert in the alert log, {@code 0-0} when it is empty. */
    public Future<String> newestAlertId() {
        return bridge.toFuture(commands.xrevrange(Keys.SUPERVISORS_ALERT_LOG, Range.unbounded(), Limit.from(1)))
                .map(entries -> entries.isEmpty() ? LoggedAlert.NONE : entries.get(0).getId());
    }

    /** The alerts kept in the alert log after the one of log id {@code id}, oldest first, at most {@value #READ}. */
    public Future<List<LoggedAlert>> alertsAfter(String id) {
        return bridge.toFuture(commands.xrange(Keys.SUPERVISORS_ALERT_LOG,
                        Range.from(Range.Boundary.excluding(id), Range.Boundary.unbounded()), Limit.from(READ)))
                .map(entries -> entries.stream().filter(entry -> entry.getBody().get("a") != null)
                        .map(entry -> new LoggedAlert(entry.getId(),
                                new JsonObject(entry.getBody().get("a")).put("id", entry.getId()).encode()))
                        .toList());
    }
}
