package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The escalation record (bounded, no message text) and the alerts supervisors receive live. */
public final class EscalationStore {
    static final long KEPT = 10_000;

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;

    public EscalationStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge) {
        this.commands = commands;
        this.bridge = bridge;
    }

    /** Adds an entry to the record, newest first, keeping the last {@value #KEPT}. */
    public Future<Void> record(JsonObject entry) {
        return bridge.toFuture(commands.lpush(Keys.ESCALATIONS, entry.encode()))
                .compose(size -> bridge.toFuture(commands.ltrim(Keys.ESCALATIONS, 0, KEPT - 1))).mapEmpty();
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
