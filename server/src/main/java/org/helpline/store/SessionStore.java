package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.auth.Digests;
import org.helpline.config.SessionSettings;

/**
 * Counsellor sessions: an opaque random token handed to the console, stored only as its SHA-256 digest, with an idle
 * lease renewed while the console is in use and an absolute end. Each counsellor's session digests are indexed so that
 * a supervisor can revoke them all; a logout or revocation is published on the counsellor's sessions channel
 * ({@link Keys#sessionsChannel}) so that every node closes the sockets of those sessions at once.
 */
public final class SessionStore {
    /** What a revocation names on the sessions channel instead of one digest: every session of the counsellor. */
    public static final String ALL_SESSIONS = "*";

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

    /** A live session: whose it is and how long until its absolute end. */
    public record Session(String counsellorId, Duration remaining) {
    }

    /** Stores a new session for a token the caller generated; returns its absolute expiry (epoch ms). */
    public Future<Long> open(String token, String counsellorId) {
        long expiresAt = clock.millis() + settings.absolute().toMillis();
        String digest = Digests.sha256(token);
        String key = Keys.session(digest);
        String index = Keys.counsellorSessions(counsellorId);
        long idle = Math.min(settings.idle().toMillis(), settings.absolute().toMillis());
        return bridge.toFuture(commands.hset(key, Map.of("counsellor", counsellorId,
                        "expiresAt", Long.toString(expiresAt))))
                .compose(added -> bridge.toFuture(commands.pexpire(key, idle)))
                .compose(set -> bridge.toFuture(commands.sadd(index, digest)))
                .compose(added -> bridge.toFuture(commands.pexpire(index, settings.absolute().toMillis())))
                .map(expiresAt);
    }

    /**
     * The live session of a token, renewing its idle lease; empty when unknown or expired. Its absolute end is judged
     * by the node's clock, the one that set it (not Redis's: two clocks would disagree by their drift).
     */
    public Future<Optional<Session>> touch(String token) {
        long now = clock.millis();
        return scripts.list(Scripts.TOUCH_SESSION.call().key("session", Keys.session(Digests.sha256(token)))
                        .arg("idleTimeout", settings.idle().toMillis()).arg("now", now))
                .map(found -> found == null || found.size() < 2 ? Optional.empty()
                        : Optional.of(new Session(String.valueOf(found.get(0)), Duration.ofMillis(Math.max(0,
                                Long.parseLong(String.valueOf(found.get(1))) - now)))));
    }

    /** Ends one session (logout) and tells every node to close its sockets. */
    public Future<Void> close(String token) {
        String digest = Digests.sha256(token);
        String key = Keys.session(digest);
        return bridge.toFuture(commands.hget(key, "counsellor"))
                .compose(counsellor -> bridge.toFuture(commands.del(key)).compose(deleted -> counsellor == null
                        ? Future.succeededFuture()
                        : bridge.toFuture(commands.srem(Keys.counsellorSessions(counsellor), digest))
                                .compose(removed -> announce(counsellor, digest))))
                .mapEmpty();
    }

    /** Ends every session of a counsellor (a supervisor's revocation); answers how many there were. */
    public Future<Integer> revokeAll(String counsellorId) {
        String index = Keys.counsellorSessions(counsellorId);
        return bridge.toFuture(commands.smembers(index))
                .compose(digests -> {
                    List<String> keys = digests.stream().map(Keys::session).toList();
                    Future<Long> deleted = keys.isEmpty() ? Future.succeededFuture(0L)
                            : bridge.toFuture(commands.del(keys.toArray(String[]::new)));
                    return deleted.compose(count -> bridge.toFuture(commands.del(index)))
                            .compose(done -> announce(counsellorId, ALL_SESSIONS))
                            .map(digests.size());
                });
    }

    private Future<Long> announce(String counsellorId, String digest) {
        return bridge.toFuture(commands.publish(Keys.sessionsChannel(counsellorId),
                new JsonObject().put("type", "revoked").put("session", digest).encode()));
    }
}
