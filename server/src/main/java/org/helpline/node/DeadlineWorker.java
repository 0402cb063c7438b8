package org.helpline.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OfferRelease;
import org.helpline.metrics.EscalationMeters;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.Deadline;
import org.helpline.store.DeadlineStore;
import org.helpline.store.EndOutcome;
import org.helpline.store.EscalationStore;
import org.helpline.store.FailureLog;
import org.helpline.store.PresenceOutcome;
import org.helpline.store.QueueStore;
import org.helpline.store.VisitorStore;
import org.helpline.transport.GoneNodeMonitorings;
import org.helpline.transport.LapsedLease;
import org.helpline.transport.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the deadlines kept in Redis: offer expiries, routing step timeouts, counsellor presence, the hold of a
 * visitor who left, the start of a conversation no socket of its visitor ever attached to, the next look at a
 * client key's grouped in-danger chats, the outcome of an escalation's webhook and the lease of a node (renewed here
 * for this node, a lapse of its own told to its supervisor sockets; a node gone leaves its visitors away and its
 * monitorings ended). Every node runs one and polls; a deadline set by a node that died is fired by another. Each
 * fire is settled by one script that removes the deadline and acts (a node gone's monitorings are then ended one
 * script each), so each deadline fires exactly once however many nodes race for it.
 */
public final class DeadlineWorker extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWorker.class);
    static final long POLL_MILLIS = 250;
    static final int BATCH = 100;

    private final DeadlineStore deadlines;
    private final CounsellorStore counsellors;
    private final ConversationStore conversations;
    private final QueueStore queue;
    private final ClientStore clients;
    private final EscalationStore escalations;
    private final VisitorStore visitors;
    private final GoneNodeMonitorings monitorings;
    private final HelplineConfig config;
    private final RoutingMeters meters;
    private final EscalationMeters endings;
    private final OwnLease ownLease;
    private boolean polling;

    public DeadlineWorker(DeadlineStore deadlines, CounsellorStore counsellors, ConversationStore conversations,
                          QueueStore queue, ClientStore clients, EscalationStore escalations, VisitorStore visitors,
                          GoneNodeMonitorings monitorings, HelplineConfig config, RoutingMeters meters,
                          EscalationMeters endings) {
        this.deadlines = deadlines;
        this.counsellors = counsellors;
        this.conversations = conversations;
        this.queue = queue;
        this.clients = clients;
        this.escalations = escalations;
        this.visitors = visitors;
        this.monitorings = monitorings;
        this.config = config;
        this.meters = meters;
        this.endings = endings;
        this.ownLease = new OwnLease(config.routing().consoleLease().toMillis());
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(POLL_MILLIS, id -> poll());
        // the node's lease is as long as a console's (presence.consoleLeaseSeconds), renewed as often
        vertx.setPeriodic(Math.max(1, config.routing().consoleLease().toMillis() / 3), id -> renewLease());
        return renewLease();
    }

    /**
     * This node's lease, so that its visitors are set away by another node if it stops without closing them. One that
     * ran out while the node ran is told to its supervisor sockets ({@link LapsedLease}).
     */
    private Future<Void> renewLease() {
        long sentAt = monotonicMillis();
        return visitors.renewNode(config.routing().consoleLease()).<Void>map(lapsed -> {
                    if (ownLease.renewed(sentAt, monotonicMillis(), lapsed)) {
                        LapsedLease.tell(vertx);
                    }
                    return null;
                })
                .recover(failure -> {
                    ownLease.failed();
                    FailureLog.log(LOG, "Renewing the node's lease", failure);
                    return Future.succeededFuture();
                });
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private void poll() {
        if (polling) {
            return;
        }
        polling = true;
        deadlines.due(BATCH)
                .compose(due -> {
                    List<Future<Void>> fired = new ArrayList<>();
                    for (Deadline deadline : due) {
                        fired.add(fire(deadline).recover(failure -> {
                            FailureLog.log(LOG, "Deadline " + deadline.kind() + " not fired yet", failure);
                            return Future.succeededFuture();
                        }));
                    }
                    return Future.join(fired);
                })
                .onFailure(failure -> FailureLog.log(LOG, "Reading the deadlines due", failure))
                .onComplete(done -> polling = false);
    }

    private Future<Void> counsellorGone(Deadline deadline) {
        return counsellors.presenceDeadline(deadline, config.routing().priority().dangerHeadStart()).map(result -> {
            if (result instanceof PresenceOutcome.CounsellorGone gone && gone.chatsRequeued() > 0) {
                meters.counsellorGone(gone.chatsRequeued());
            }
            return null;
        });
    }

    private Future<Void> fire(Deadline deadline) {
        return switch (deadline.kind()) {
            case OFFER -> expireOffer(deadline);
            case STEP -> advanceStep(deadline);
            case PRESENCE -> counsellorGone(deadline);
            case HOLD -> conversations.holdExpired(deadline.subject()).map(result -> {
                if (result instanceof EndOutcome.Ended ended) {
                    endings.ended(ended.ending().wireName());
                }
                return null;
            });
            case START -> conversations.startUndelivered(deadline.subject()).mapEmpty();
            case DANGER -> clients.promoteDanger(deadline);
            case ESCALATION -> escalations.unconfirmed(deadline).map(marked -> {
                marked.ifPresent(this::countUnconfirmed);
                return null;
            });
            case NODE -> !ownLease.mayJudgeOthers(monotonicMillis()) ? Future.succeededFuture()
                    : visitors.nodeGone(deadline).compose(gone -> monitorings.end(deadline.subject(),
                            gone.monitorings()));
        };
    }

    /** Counts an escalation whose webhook outcome was not written in time (the script alerted the supervisors). */
    private void countUnconfirmed(JsonObject entry) {
        endings.escalated(entry.getString("targetKind", "service"), WebhookDelivery.UNCONFIRMED.wireName());
    }

    private Future<Void> expireOffer(Deadline deadline) {
        String conversation = deadline.subject();
        return conversations.find(conversation).compose(found -> {
            String counsellor = found.flatMap(record -> record.offeredTo()).orElse("-");
            return queue.release(conversation, counsellor, deadline.number(), OfferRelease.EXPIRED)
                    .map(result -> {
                        if (result.requeued()) {
                            String association = config.counsellor(counsellor)
                                    .map(Counsellor::associationId).orElse("unknown");
                            meters.released(association, OfferRelease.EXPIRED);
                        }
                        return null;
                    });
        });
    }

    private Future<Void> advanceStep(Deadline deadline) {
        int next = (int) deadline.number() + 1;
        return deadlines.advanceStep(deadline, config.routing().stepEndsAt(next, deadline.dueAt())).mapEmpty();
    }
}
