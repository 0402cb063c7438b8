package org.helpline.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.helpline.HelplineServices;
import org.helpline.domain.Assignment;
import org.helpline.domain.RoutingPolicy;
import org.helpline.metrics.HelplineGauges;
import org.helpline.store.EventChannels;
import org.helpline.store.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the head of the queue with reachable counsellors. Every node runs one: rounds are triggered by routing events
 * (a chat queued, a counsellor available, capacity freed) and by a periodic tick that catches anything missed. The
 * policy only proposes; each proposal goes through the atomic claim, so racing nodes cannot double-assign.
 */
public final class QueueDispatcher extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDispatcher.class);
    static final int HEAD_SIZE = 100;
    static final long TICK_MILLIS = 1000;

    private final HelplineServices services;
    private final RoutingPolicy policy;
    private final HelplineGauges gauges;
    private EventChannels.Subscription wakeUps;
    private boolean running;
    private boolean again;

    public QueueDispatcher(HelplineServices services, RoutingPolicy policy, HelplineGauges gauges) {
        this.services = services;
        this.policy = policy;
        this.gauges = gauges;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(TICK_MILLIS, id -> {
            requestRound();
            sampleGauges();
        });
        return services.events().subscribe(Keys.ROUTING_CHANNEL, event -> requestRound(), this::requestRound)
                .onSuccess(subscription -> {
                    wakeUps = subscription;
                    requestRound();
                });
    }

    @Override
    public Future<?> stop() {
        if (wakeUps != null) {
            wakeUps.cancel();
        }
        return Future.succeededFuture();
    }

    private void requestRound() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        round().onComplete(outcome -> {
            running = false;
            if (outcome.failed()) {
                LOG.warn("Routing round failed: {}", outcome.cause().getClass().getSimpleName());
            } else if (outcome.result() > 0) {
                again = true;
            }
            if (again) {
                again = false;
                requestRound();
            }
        });
    }

    /** One round; returns how many conversations were assigned. */
    private Future<Integer> round() {
        return Future.all(services.queue().head(HEAD_SIZE, services.conversations()), services.counsellors().reachable())
                .compose(state -> {
                    LOG.debug("Routing round: {} waiting, {} reachable", state.<List<?>>resultAt(0).size(),
                            state.<List<?>>resultAt(1).size());
                    List<Assignment> proposals = policy.propose(state.resultAt(0), state.resultAt(1));
                    Future<Integer> claimed = Future.succeededFuture(0);
                    for (Assignment proposal : proposals) {
                        claimed = claimed.compose(count -> services.queue().claim(proposal).map(result -> {
                            if (!"ok".equals(result)) {
                                LOG.debug("Claim for counsellor {} refused: {}", proposal.counsellorId(), result);
                            }
                            return "ok".equals(result) ? count + 1 : count;
                        }));
                    }
                    return claimed;
                });
    }

    private void sampleGauges() {
        Future.all(services.queue().waitingCount(), services.queue().activeCount(), services.counsellors().reachable())
                .onSuccess(state -> gauges.update(state.<Long>resultAt(0), state.<Long>resultAt(1),
                        state.<List<?>>resultAt(2).size()));
    }
}
