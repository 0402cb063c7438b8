package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;

/** Whether Redis answers right now (for {@code /ready}). */
public final class RedisHealth {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;

    public RedisHealth(RedisAsyncCommands<String, String> commands, RedisBridge bridge) {
        this.commands = commands;
        this.bridge = bridge;
    }

    public Future<Void> ping() {
        return bridge.toFuture(commands.ping()).mapEmpty();
    }
}
