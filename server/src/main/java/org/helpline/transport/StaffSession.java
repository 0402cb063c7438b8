package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.helpline.auth.Digests;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;
import org.helpline.store.SessionStore;

/**
 * The session behind an authenticated console or supervisor socket. While the socket is open it renews the session's
 * idle lease every third of the idle timeout, and it closes the socket ({@code session_expired}, then close code 4001)
 * the moment the session ends, on whichever node the socket is: at the session's absolute end (a local timer), when a
 * logout of this session or a supervisor's revocation of the counsellor is announced on the counsellor's sessions
 * channel, or when a renewal finds the session gone (an announcement lost in a pub/sub drop).
 */
final class StaffSession {
    static final short SESSION_ENDED = 4001;
    /** A console or supervisor socket must have sent its {@code auth} this soon after opening. */
    static final Duration AUTH_DEADLINE = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final long endTimer;
    private final long renewTimer;
    private final EventChannels.Subscription announcements;

    private StaffSession(Vertx vertx, long endTimer, long renewTimer, EventChannels.Subscription announcements) {
        this.vertx = vertx;
        this.endTimer = endTimer;
        this.renewTimer = renewTimer;
        this.announcements = announcements;
    }

    /**
     * Closes a staff socket that has not sent its {@code auth} within {@link #AUTH_DEADLINE} ({@code unauthenticated},
     * then close code 1008): an open socket costs the node a file descriptor, so none is kept for nothing. Answers
     * the timer, to cancel when the socket closes.
     */
    static long authDeadline(Vertx vertx, FrameChannel channel, BooleanSupplier authenticating) {
        return vertx.setTimer(AUTH_DEADLINE.toMillis(), id -> {
            if (!authenticating.getAsBoolean()) {
                channel.send(ErrorFrames.of(ProtocolError.UNAUTHENTICATED));
                channel.close(FrameChannel.POLICY_VIOLATION, "no auth frame");
            }
        });
    }

    /** Starts keeping and watching the session of {@code token}, which {@code session} describes. */
    static Future<StaffSession> start(Vertx vertx, SessionStore sessions, EventChannels events, Duration idle,
                                      String token, SessionStore.Session session, FrameChannel channel) {
        String digest = Digests.sha256(token);
        Runnable end = () -> {
            if (channel.isOpen()) {
                channel.send(ErrorFrames.of(ProtocolError.SESSION_EXPIRED));
                channel.close(SESSION_ENDED, "session ended");
            }
        };
        long endTimer = vertx.setTimer(Math.max(1, session.remaining().toMillis()), id -> end.run());
        Runnable renew = () -> sessions.touch(token).onSuccess(live -> {
            if (live.isEmpty()) {
                end.run();
            }
        });
        long renewTimer = vertx.setPeriodic(Math.max(1, idle.toMillis() / 3), id -> renew.run());
        // a revocation published while the pub/sub connection was down: the session is looked at again once it is back
        return events.subscribe(Keys.sessionsChannel(session.counsellorId()), raw -> {
            String revoked = new JsonObject(raw).getString("session", "");
            if (revoked.equals(digest) || revoked.equals(SessionStore.ALL_SESSIONS)) {
                end.run();
            }
        }, renew)
                .map(subscription -> new StaffSession(vertx, endTimer, renewTimer, subscription))
                .onFailure(failure -> {
                    vertx.cancelTimer(endTimer);
                    vertx.cancelTimer(renewTimer);
                });
    }

    void stop() {
        vertx.cancelTimer(endTimer);
        vertx.cancelTimer(renewTimer);
        announcements.cancel();
    }
}
