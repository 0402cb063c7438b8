package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.helpline.auth.Digests;
import org.helpline.config.SessionSettings;

/**
 * Counsellor sessions: an opaque random token handed to the console, stored only as its SHA-256 digest, with an idle
 * lease renewed while the console is in use and an absolute end.
 */
public final class SessionStore {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final SessionSettings settings;

    public SessionStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts, Clock clock,
                        SessionSettings settings) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.settings = settings;
    }

    /** Stores a new session for a token the caller generated; returns its absolute expiry (epoch ms). */
    public Future<Long> open(String token, String counsellorId) {
        long expiresAt = clock.millis() + settings.absolute().toMillis();
        String key = Keys.session(Digests.sha256(token));
        long idle = Math.min(settings.idle().toMillis(), settings.absolute().toMillis());
        return bridge.toFuture(commands.hset(key, Map.of("counsellor", counsellorId,
                        "expiresAt", Long.toString(expiresAt))))
                .compose(added -> bridge.toFuture(commands.pexpire(key, idle)))
                .map(expiresAt);
    }

    /** The counsellor of a live session, renewing its idle lease; empty when unknown or expired. */
    public Future<Optional<String>> touch(String token) {
        return scripts.text(Scripts.TOUCH_SESSION.call().key("session", Keys.session(Digests.sha256(token)))
                        .arg("idleTimeout", settings.idle().toMillis()))
                .map(Optional::ofNullable);
    }

    public Future<Void> close(String token) {
        return bridge.toFuture(commands.del(Keys.session(Digests.sha256(token)))).mapEmpty();
    }

}
