package org.helpline.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.helpline.auth.Digests;
import org.helpline.config.SessionSettings;
import org.helpline.domain.Counsellor;

/**
 * Counsellor sessions: an opaque random token handed to the console, stored only as its SHA-256 digest, with an idle
 * lease renewed while the console is in use and an absolute end. Each counsellor's session digests are indexed so that
 * a supervisor can revoke them all; a logout or revocation is published on the counsellor's sessions channel
 * ({@link Keys#sessionsChannel}) so that every node closes the sockets of those sessions at once. A session keeps the
 * digest of the password hash it was opened with: once the counsellor's hash in the configuration is another (her
 * password changed, a leaked one replaced) or she is no longer configured, her sessions are over, on every node.
 */
public final class SessionStore {
    /** What a revocation names on the sessions channel instead of one digest: every session of the counsellor. */
    public static final String ALL_SESSIONS = "*";

    private final Scripts scripts;
    private final Clock clock;
    private final SessionSettings settings;
    private final Function<String, Optional<Counsellor>> profiles;

    /** {@code profiles}: the counsellors as configured now, by id. */
    public SessionStore(Scripts scripts, Clock clock, SessionSettings settings,
                        Function<String, Optional<Counsellor>> profiles) {
        this.scripts = scripts;
        this.clock = clock;
        this.settings = settings;
        this.profiles = profiles;
    }

    /** A live session: whose it is and how long until its absolute end. */
    public record Session(String counsellorId, Duration remaining) {
    }

    /** Stores a new session for a token the caller generated; returns its absolute expiry (epoch ms). */
    public Future<Long> open(String token, Counsellor counsellor) {
        long expiresAt = clock.millis() + settings.absolute().toMillis();
        String digest = Digests.sha256(token);
        long idle = Math.min(settings.idle().toMillis(), settings.absolute().toMillis());
        return scripts.integer(Scripts.OPEN_SESSION.call().key("session", Keys.session(digest))
                        .key("index", Keys.counsellorSessions(counsellor.id())).arg("counsellor", counsellor.id())
                        .arg("expiresAt", expiresAt).arg("credential", credential(counsellor)).arg("digest", digest)
                        .arg("idleTimeout", idle).arg("absolute", settings.absolute().toMillis()))
                .map(expiresAt);
    }

    /**
     * The live session of a token, renewing its idle lease; empty when unknown or expired, or opened with a password
     * hash its counsellor no longer has. Its absolute end is judged by the node's clock, the one that set it (not
     * Redis's: two clocks would disagree by their drift).
     */
    public Future<Optional<Session>> touch(String token) {
        long now = clock.millis();
        return scripts.list(Scripts.TOUCH_SESSION.call().key("session", Keys.session(Digests.sha256(token)))
                        .arg("idleTimeout", settings.idle().toMillis()).arg("now", now))
                .map(found -> {
                    if (found == null || found.size() < 3) {
                        return Optional.<Session>empty();
                    }
                    String counsellorId = String.valueOf(found.get(0));
                    String opened = String.valueOf(found.get(2));
                    // a session opened before sessions kept it has no credential: it lasts its 12 hours at most
                    boolean current = profiles.apply(counsellorId)
                            .map(counsellor -> opened.isEmpty() || opened.equals(credential(counsellor)))
                            .orElse(false);
                    return current ? Optional.of(new Session(counsellorId, Duration.ofMillis(Math.max(0,
                            Long.parseLong(String.valueOf(found.get(1))) - now)))) : Optional.<Session>empty();
                });
    }

    /** What a session keeps of the password hash it was opened with: a digest of it. */
    private static String credential(Counsellor counsellor) {
        return Digests.sha256(counsellor.passwordHash());
    }

    /** Ends one session (logout) and tells every node to close its sockets, in one step. */
    public Future<Void> close(String token) {
        String digest = Digests.sha256(token);
        return scripts.integer(Scripts.CLOSE_SESSION.call().key("session", Keys.session(digest)).arg("digest", digest)
                        .arg("counsellorKeyPrefix", Keys.COUNSELLOR_PREFIX)
                        .arg("sessionsChannelPrefix", Keys.SESSIONS_CHANNEL_PREFIX).arg("revoked", revoked(digest)))
                .mapEmpty();
    }

    /**
     * Ends every session of a counsellor (a supervisor's revocation), and tells every node, in one step; answers how
     * many there were.
     */
    public Future<Integer> revokeAll(String counsellorId) {
        return scripts.integer(Scripts.REVOKE_SESSIONS.call().key("index", Keys.counsellorSessions(counsellorId))
                        .arg("sessionKeyPrefix", Keys.SESSION_PREFIX)
                        .arg("sessionsChannel", Keys.sessionsChannel(counsellorId))
                        .arg("revoked", revoked(ALL_SESSIONS)))
                .map(Long::intValue);
    }

    /** What the sessions channel is told: this session ({@link #ALL_SESSIONS}: every one) is over. */
    private static String revoked(String digest) {
        return new JsonObject().put("type", "revoked").put("session", digest).encode();
    }
}
