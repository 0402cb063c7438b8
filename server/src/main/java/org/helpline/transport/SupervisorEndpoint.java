package org.helpline.transport;

import java.time.Clock;
import org.helpline.config.HelplineConfig;
import org.helpline.store.EscalationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.SessionStore;

/** What every supervisor socket of a node shares: sessions, alerts, recent escalations and the dashboard feed. */
public final class SupervisorEndpoint {
    final HelplineConfig config;
    final SessionStore sessions;
    final EventChannels events;
    final EscalationStore escalations;
    final DashboardFeed dashboard;
    final Clock clock;

    public SupervisorEndpoint(HelplineConfig config, SessionStore sessions, EventChannels events,
                              EscalationStore escalations, DashboardFeed dashboard, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.events = events;
        this.escalations = escalations;
        this.dashboard = dashboard;
        this.clock = clock;
    }
}
