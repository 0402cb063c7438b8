package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The escalation record (bounded, no message text) and the alerts supervisors receive live. */
public final class EscalationStore {
    static final long KEPT = 10_000;
    /** A webhook settles within about a minute: far fewer escalations than this are made meanwhile. */
    static final long SEARCHED = 1_000;

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;

    public EscalationStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
    }

    /** Adds an entry to the record, newest first, keeping the last {@value #KEPT}. */
    public Future<Void> record(JsonObject entry) {
        return bridge.toFuture(commands.lpush(Keys.ESCALATIONS, entry.encode()))
                .compose(size -> bridge.toFuture(commands.ltrim(Keys.ESCALATIONS, 0, KEPT - 1))).mapEmpty();
    }

    /**
     * Writes the webhook's outcome into the entry {@link #record recorded} with {@code "webhook": "pending"}; false
     * when no such pending entry is among the newest.
     */
    public Future<Boolean> settle(String escalationId, String webhook) {
        return scripts.integer(Scripts.SETTLE_ESCALATION.call().key("escalations", Keys.ESCALATIONS)
                .arg("escalationId", escalationId).arg("webhook", webhook).arg("searched", SEARCHED))
                .map(found -> found == 1L);
    }

    public Future<List<JsonObject>> recent(int count) {
        return bridge.toFuture(commands.lrange(Keys.ESCALATIONS, 0, count - 1L))
                .map(entries -> entries.stream().map(JsonObject::new).toList());
    }

    /** Sends an alert to every connected supervisor, on any node. */
    public Future<Void> alert(JsonObject alert) {
        return bridge.toFuture(commands.publish(Keys.SUPERVISORS_CHANNEL, alert.encode())).mapEmpty();
    }
}
