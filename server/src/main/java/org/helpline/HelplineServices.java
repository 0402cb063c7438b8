package org.helpline;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.helpline.auth.CounsellorLogin;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.StepRouting;
import org.helpline.metrics.EscalationMeters;
import org.helpline.metrics.OutcomeMeters;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.DeadlineStore;
import org.helpline.store.EscalationStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.EventChannels;
import org.helpline.store.QueueStore;
import org.helpline.store.RedisHealth;
import org.helpline.store.SessionStore;
import org.helpline.transport.DashboardFeed;
import org.helpline.store.VisitorStore;
import org.helpline.transport.EscalationWebhook;
import org.helpline.transport.QueueUpdates;
import org.helpline.transport.ResumeCodeLimiter;

/** What the verticles of one node share: configuration, stores, the node's pub/sub, login and the meter registry. */
public record HelplineServices(HelplineConfig config, RedisHealth redis,
                               ConversationStore conversations, CounsellorStore counsellors, QueueStore queue,
                               SessionStore sessions, DeadlineStore deadlines, EventChannels events,
                               CounsellorLogin login, StepRouting routing, RoutingMeters meters,
                               QueueUpdates queueUpdates, HotlineDirectory directory, EscalationStore escalations,
                               EscalationWebhook webhook, EscalationMeters escalationMeters,
                               PrometheusMeterRegistry registry, CaseRecordStore caseRecords,
                               OutcomeMeters outcomeMeters, DashboardFeed dashboard,
                               VisitorStore visitors, ResumeCodeLimiter resumeCodes) {

    /** The same services with the queue updates, which need the others to exist first. */
    public HelplineServices withQueueUpdates(QueueUpdates updates) {
        return new HelplineServices(config, redis, conversations, counsellors, queue, sessions, deadlines, events,
                login, routing, meters, updates, directory, escalations, webhook, escalationMeters, registry,
                caseRecords, outcomeMeters, dashboard, visitors, resumeCodes);
    }

    /** The same services with the supervisor dashboard, which needs the routing round's view of the queue. */
    public HelplineServices withDashboard(DashboardFeed feed) {
        return new HelplineServices(config, redis, conversations, counsellors, queue, sessions, deadlines, events,
                login, routing, meters, queueUpdates, directory, escalations, webhook, escalationMeters, registry,
                caseRecords, outcomeMeters, feed, visitors, resumeCodes);
    }
}
