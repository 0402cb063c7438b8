package org.helpline.transport;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.StepRouting;
import org.helpline.metrics.EscalationMeters;
import org.helpline.metrics.OutcomeMeters;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.EscalationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.QueueStore;
import org.helpline.store.SessionStore;
import org.helpline.store.SupervisionStore;

/**
 * What every counsellor console socket of a node shares: the stores it reads and changes, the node's pub/sub and
 * queue updates, and the frame handlers for offers, transfers, escalations, directory searches, case records,
 * blocks of abusive clients and requests for a supervisor's help.
 * Built once per node.
 */
public final class ConsoleEndpoint {
    final HelplineConfig config;
    final FramesInHand inHand;
    final SessionStore sessions;
    final CounsellorStore counsellors;
    final ConversationStore conversations;
    final EventChannels events;
    final QueueUpdates queueUpdates;
    final ChatFrames chats;
    final OfferFrames offers;
    final TransferFrames transfers;
    final EscalationFrames escalations;
    final DirectoryFrames directory;
    final CaseRecordFrames caseRecords;
    final CaseRecordStore records;
    final ClientBlocks blocks;
    final AvailabilityFrames availability;
    final HelpFrames help;
    final Clock clock;

    public ConsoleEndpoint(Vertx vertx, HelplineConfig config, Stores stores, EventChannels events,
                           QueueUpdates queueUpdates, StepRouting routing, Meters meters, HotlineDirectory directory,
                           EscalationWebhook webhook, Clock clock) {
        this.config = config;
        this.inHand = new FramesInHand("Console frames", config.limits().framesHandledPerNode());
        this.sessions = stores.sessions();
        this.counsellors = stores.counsellors();
        this.conversations = stores.conversations();
        this.events = events;
        this.queueUpdates = queueUpdates;
        this.chats = new ChatFrames(stores.conversations(), config.limits().maxTextChars(), meters.escalations());
        this.offers = new OfferFrames(stores.conversations(), stores.queue(), routing, meters.routing(),
                config.routing().acceptTimeout(), clock);
        this.transfers = new TransferFrames(config, stores.counsellors(), stores.queue(), clock);
        this.escalations = new EscalationFrames(vertx, stores.conversations(), directory, config.escalation(),
                config.escalation().outcomeWithin(config.redis().commandTimeout()), stores.escalations(),
                webhook, meters.escalations(), clock);
        this.directory = new DirectoryFrames(stores.conversations(), directory, clock);
        this.records = stores.caseRecords();
        this.caseRecords = new CaseRecordFrames(config.console(), stores.caseRecords(), meters.outcomes(), clock);
        this.availability = new AvailabilityFrames(config.console(), stores.counsellors());
        this.blocks = new ClientBlocks(stores.clients(), stores.conversations(), stores.escalations(),
                config.abuse().block(), clock);
        this.help = new HelpFrames(stores.supervision(), clock);
        this.clock = clock;
    }

    /** The stores a console uses. */
    public record Stores(SessionStore sessions, CounsellorStore counsellors, ConversationStore conversations,
                         QueueStore queue, CaseRecordStore caseRecords, EscalationStore escalations,
                         ClientStore clients, SupervisionStore supervision) {
    }

    /** The meters a console's frames count in. */
    public record Meters(RoutingMeters routing, EscalationMeters escalations, OutcomeMeters outcomes) {
    }
}
