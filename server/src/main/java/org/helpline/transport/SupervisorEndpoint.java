package org.helpline.transport;

import org.helpline.config.HelplineConfig;
import org.helpline.store.ConversationStore;
import org.helpline.store.EscalationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.SessionStore;

/**
 * What every supervisor socket of a node shares: sessions, alerts, recent escalations, the dashboard feed and the
 * conversations (the state of the chats alerts cite).
 */
public final class SupervisorEndpoint {
    final HelplineConfig config;
    final SessionStore sessions;
    final EventChannels events;
    final EscalationStore escalations;
    final DashboardFeed dashboard;
    final ConversationStore conversations;

    public SupervisorEndpoint(HelplineConfig config, SessionStore sessions, EventChannels events,
                              EscalationStore escalations, DashboardFeed dashboard, ConversationStore conversations) {
        this.config = config;
        this.sessions = sessions;
        this.events = events;
        this.escalations = escalations;
        this.dashboard = dashboard;
        this.conversations = conversations;
    }
}
