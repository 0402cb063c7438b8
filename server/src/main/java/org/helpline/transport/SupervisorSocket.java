package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.helpline.auth.Secrets;
import org.helpline.domain.Counsellor;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;
import org.helpline.store.LoggedAlert;

/**
 * A supervisor's WebSocket: after {@code auth} with the token of a supervisor account, it receives every alert (a
 * visitor in danger now, an escalation, a high risk) from any node, as it happens, and those it missed
 * ({@link SupervisorAlertFeed}: raised while the page was disconnected, or its node's pub/sub was), the recent
 * escalations and the dashboard's history at start, then the dashboard every two seconds, and the state of the chats
 * its alerts cite
 * ({@link AlertedChats}). It may monitor active chats read-only, whisper to their counsellors and take them over
 * ({@link MonitorFrames}, {@link WhisperFrames}, {@link TakeoverFrames}). Its {@link StaffSession} keeps the session
 * and closes the socket when it ends; a refused {@code auth} closes it too (4001). A socket that sends nothing (not
 * even a ping) for the consoles' heartbeat timeout is closed as a console is (4002): the monitorings of a page gone
 * without a word end, and its session is no longer kept alive.
 */
final class SupervisorSocket {
    private final SupervisorEndpoint endpoint;
    private final FrameChannel channel;
    private final Vertx vertx;
    private final AlertedChats alertedChats;
    private final SupervisorAlertFeed alertFeed;
    private final MonitoredChats monitored;
    private final WelcomeGate welcomed = new WelcomeGate();
    private final long authTimer;
    private final long silenceTimer;
    private final MessageConsumer<Object> lapses;
    private EventChannels.Subscription alerts;
    private boolean authenticated;
    private Counsellor supervisor;
    private boolean closed;
    private StaffSession session;

    SupervisorSocket(Vertx vertx, ServerWebSocket socket, ConnectionShares.Place place, SupervisorEndpoint endpoint) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        String socketId = Secrets.random(12);
        this.monitored = new MonitoredChats(socketId);
        Map<String, Function<JsonObject, Future<?>>> handlers = new HashMap<>();
        handlers.put("auth", this::auth);
        handlers.put("ping", this::ping);
        handlers.put("follow", this::follow);
        handlers.put("monitor", frame -> endpoint.monitors.monitor(supervisor(), frame, monitored, this::reply));
        handlers.put("unmonitor", frame -> endpoint.monitors.unmonitor(supervisor(), Fields.conversation(frame),
                monitored, this::reply));
        handlers.put("whisper", frame -> endpoint.whispers.whisper(supervisor(), Fields.conversation(frame), frame,
                monitored).map(this::reply));
        handlers.put("take_over", frame -> endpoint.takeovers.takeOver(supervisor(), Fields.conversation(frame))
                .map(this::reply));
        this.channel = new FrameChannel(socket, place, endpoint.config.limits(), endpoint.inHand,
                Map.copyOf(handlers), this::closed, socketId);
        this.alertedChats = new AlertedChats(vertx, endpoint.events, endpoint.conversations, channel::send);
        this.alertFeed = new SupervisorAlertFeed(vertx, endpoint.escalations, alert -> {
            channel.send(alert);
            alertedChats.cited(alert);
        });
        this.authTimer = StaffSession.authDeadline(vertx, channel, () -> authenticated);
        Duration heartbeat = endpoint.config.routing().heartbeatTimeout();
        this.silenceTimer = vertx.setPeriodic(Math.max(1, heartbeat.toMillis() / 6),
                id -> channel.closeIfSilentFor(heartbeat));
        this.lapses = LapsedLease.follow(vertx, this::leaseLapsed);
    }

    /** Its node's lease ran out while it ran ({@link LapsedLease}): a socket that monitors is told and closed. */
    private void leaseLapsed() {
        if (monitored.any()) {
            channel.send(ErrorFrames.of(ProtocolError.NODE_CUT_OFF));
            channel.close(LapsedLease.CLOSE_CODE, "node cut off");
        }
    }

    private Future<Void> auth(JsonObject frame) {
        if (authenticated) {
            throw new ProtocolException(ProtocolError.ALREADY_STARTED);
        }
        String token = Fields.string(frame, "token", 128);
        String since = Fields.optionalString(frame, "", "since").map(id -> {
            if (!LoggedAlert.isLogId(id)) {
                throw ProtocolException.invalid("since", "since must be an alert's id");
            }
            return id;
        }).orElse(null);
        authenticated = true;
        Counsellor[] account = new Counsellor[1];
        return endpoint.sessions.touch(token)
                .compose(found -> {
                    Counsellor who = found.flatMap(live -> endpoint.config.counsellor(live.counsellorId()))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.SESSION_EXPIRED));
                    if (!who.supervisor()) {
                        throw new ProtocolException(ProtocolError.NOT_SUPERVISOR);
                    }
                    account[0] = who;
                    return StaffSession.start(vertx, endpoint.sessions, endpoint.events,
                            endpoint.config.sessions().idle(), token, found.get(), channel);
                })
                .compose(started -> {
                    session = started;
                    return alertFeed.start(since); // the floor first: nothing raised after it can be missed
                })
                .compose(floor -> endpoint.events.subscribe(Keys.SUPERVISORS_CHANNEL,
                        message -> welcomed.handle(() -> alertFeed.published(message)),
                        () -> welcomed.handle(alertFeed::readMissed)))
                .compose(subscription -> {
                    alerts = subscription;
                    if (closed) {
                        subscription.cancel();
                        session.stop();
                    }
                    return Future.all(endpoint.escalations.recent(20), endpoint.dashboard.open(),
                            alertFeed.missed(), since == null ? Future.succeededFuture(true)
                                    : endpoint.escalations.alertKept(since));
                })
                .<Void>map(state -> {
                    DashboardFeed.Opening dashboard = state.resultAt(1);
                    channel.send(new JsonObject().put("type", "welcome")
                            .put("recentEscalations", new JsonArray(state.<List<JsonObject>>resultAt(0)))
                            .put("dashboardSettings", dashboard.settings()).put("history", dashboard.history())
                            .put("alertsFrom", alertFeed.floor())
                            .put("alertsIncomplete", !state.<Boolean>resultAt(3))
                            .put("labels", TriageLabelFrames.staff(endpoint.config.triage()))
                            .put("awayReasons", AvailabilityFrames.awayReasons(endpoint.config.console())));
                    channel.send(dashboard.dashboard());
                    alertFeed.pass(state.<List<LoggedAlert>>resultAt(2));
                    welcomed.open();
                    supervisor = account[0];
                    if (!closed) {
                        endpoint.dashboard.watch(this, channel::send);
                    }
                    return null;
                })
                .onFailure(failure -> {
                    if (failure instanceof ProtocolException) { // a refused auth: the page must log in again
                        vertx.setTimer(50, id -> channel.close(StaffSession.SESSION_ENDED, "not authenticated"));
                    } else { // Redis did not answer: the page may try again, on this socket
                        authenticated = false;
                        if (alerts != null) {
                            alerts.cancel();
                            alerts = null;
                        }
                        if (session != null) {
                            session.stop();
                            session = null;
                        }
                    }
                });
    }

    /**
     * The chats of the alerts the page still shows, followed again after a reconnect; only once {@code welcome} went
     * (its {@code chat_state} frames come after it).
     */
    private Future<Void> follow(JsonObject frame) {
        supervisor(); // refused unauthenticated until then
        return alertedChats.follow(frame);
    }

    /** The supervisor, once authenticated; a frame before that is answered {@code unauthenticated}. */
    private Counsellor supervisor() {
        if (supervisor == null || closed) {
            throw new ProtocolException(ProtocolError.UNAUTHENTICATED);
        }
        return supervisor;
    }

    private Void reply(JsonObject frame) {
        channel.send(frame);
        return null;
    }

    private Future<Void> ping(JsonObject frame) {
        channel.send(new JsonObject().put("type", "pong"));
        return Future.succeededFuture();
    }

    private void closed() {
        closed = true;
        vertx.cancelTimer(authTimer);
        vertx.cancelTimer(silenceTimer);
        lapses.unregister();
        endpoint.dashboard.forget(this);
        alertedChats.stop();
        alertFeed.stop();
        if (session != null) {
            session.stop();
        }
        if (alerts != null) {
            alerts.cancel();
        }
        if (supervisor != null) {
            endpoint.monitors.socketClosed(supervisor, monitored);
        }
    }
}
