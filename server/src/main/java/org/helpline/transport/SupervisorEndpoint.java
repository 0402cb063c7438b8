package org.helpline.transport;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.helpline.config.HelplineConfig;
import org.helpline.store.ConversationStore;
import org.helpline.store.EscalationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.QueueStore;
import org.helpline.store.SessionStore;
import org.helpline.store.SupervisionStore;

/**
 * What every supervisor socket of a node shares: sessions, alerts, recent escalations, the dashboard feed, the
 * conversations (the state of the chats alerts cite), and the frame handlers that monitor a chat, whisper to its
 * counsellor and take it over.
 */
public final class SupervisorEndpoint {
    final HelplineConfig config;
    final FramesInHand inHand;
    final SessionStore sessions;
    final EventChannels events;
    final EscalationStore escalations;
    final DashboardFeed dashboard;
    final ConversationStore conversations;
    final MonitorFrames monitors;
    final WhisperFrames whispers;
    final TakeoverFrames takeovers;

    public SupervisorEndpoint(Vertx vertx, HelplineConfig config, SessionStore sessions, EventChannels events,
                              EscalationStore escalations, DashboardFeed dashboard, Chats chats, Clock clock) {
        this.config = config;
        this.inHand = new FramesInHand("Supervisor frames", config.limits().framesHandledPerNode());
        this.sessions = sessions;
        this.events = events;
        this.escalations = escalations;
        this.dashboard = dashboard;
        this.conversations = chats.conversations();
        this.monitors = new MonitorFrames(vertx, chats.conversations(), events, chats.supervision(), clock);
        this.whispers = new WhisperFrames(chats.supervision(), clock);
        this.takeovers = new TakeoverFrames(chats.conversations(), chats.queue(), chats.supervision(), clock);
    }

    /** The stores a supervisor reads chats from, moves them with and records supervision in. */
    public record Chats(ConversationStore conversations, QueueStore queue, SupervisionStore supervision) {
    }
}
