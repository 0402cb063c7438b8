package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.helpline.auth.Secrets;
import org.helpline.domain.Counsellor;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;

/**
 * A supervisor's WebSocket: after {@code auth} with the token of a supervisor account, it receives every alert (a
 * visitor in danger now, an escalation, a high risk) from any node, as it happens, the recent escalations and the
 * dashboard's history at start, then the dashboard every two seconds.
 */
final class SupervisorSocket {
    static final long SESSION_CHECK_MILLIS = 60_000;

    private final SupervisorEndpoint endpoint;
    private final FrameChannel channel;
    private final Vertx vertx;
    private EventChannels.Subscription alerts;
    private boolean authenticated;
    private boolean closed;
    private long sessionTimer = -1;

    SupervisorSocket(Vertx vertx, ServerWebSocket socket, SupervisorEndpoint endpoint) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.channel = new FrameChannel(socket, endpoint.config.limits(), Map.of("auth", this::auth, "ping",
                this::ping), this::closed, Secrets.random(12));
    }

    private Future<Void> auth(JsonObject frame) {
        if (authenticated) {
            throw new ProtocolException(ProtocolError.ALREADY_STARTED);
        }
        String token = Fields.string(frame, "token", 128);
        return endpoint.sessions.touch(token)
                .compose(session -> {
                    Counsellor who = session.flatMap(id -> endpoint.config.counsellor(id))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.SESSION_EXPIRED));
                    if (!who.supervisor()) {
                        throw new ProtocolException(ProtocolError.NOT_SUPERVISOR);
                    }
                    authenticated = true;
                    sessionTimer = vertx.setPeriodic(SESSION_CHECK_MILLIS, id -> keepSession(token));
                    return endpoint.events.subscribe(Keys.SUPERVISORS_CHANNEL, channel::send, () -> { });
                })
                .compose(subscription -> {
                    alerts = subscription;
                    if (closed) {
                        subscription.cancel();
                    }
                    return Future.all(endpoint.escalations.recent(20), endpoint.dashboard.open());
                })
                .map(state -> {
                    DashboardFeed.Opening dashboard = state.resultAt(1);
                    channel.send(new JsonObject().put("type", "welcome")
                            .put("recentEscalations", new JsonArray(state.<List<JsonObject>>resultAt(0)))
                            .put("dashboardSettings", dashboard.settings()).put("history", dashboard.history())
                            .put("labels", TriageLabelFrames.staff(endpoint.config.triage())));
                    channel.send(dashboard.dashboard());
                    if (!closed) {
                        endpoint.dashboard.watch(this, channel::send);
                    }
                    return null;
                });
    }

    private Future<Void> ping(JsonObject frame) {
        channel.send(new JsonObject().put("type", "pong"));
        return Future.succeededFuture();
    }

    /** An open supervisor page keeps its session alive, until the session's absolute end. */
    private void keepSession(String token) {
        endpoint.sessions.touch(token).onSuccess(session -> {
            if (session.isEmpty()) {
                channel.send(ErrorFrames.of(ProtocolError.SESSION_EXPIRED));
                channel.close(ConsoleSocket.SESSION_ENDED, "session expired");
            }
        });
    }

    private void closed() {
        closed = true;
        endpoint.dashboard.forget(this);
        if (sessionTimer >= 0) {
            vertx.cancelTimer(sessionTimer);
        }
        if (alerts != null) {
            alerts.cancel();
        }
    }
}
