package org.helpline.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.helpline.HelplineServices;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.Counsellor;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the deadlines kept in Redis: offer expiries, routing step timeouts, counsellor presence and the hold of a
 * visitor who left. Every node runs
 * one and polls; a deadline set by a node that died is fired by another. Each fire is one script that removes the
 * deadline and acts, so each deadline fires exactly once however many nodes race for it.
 */
public final class DeadlineWorker extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWorker.class);
    static final long POLL_MILLIS = 250;
    static final int BATCH = 100;

    private final HelplineServices services;
    private final RoutingMeters meters;
    private final Clock clock;
    private boolean polling;

    public DeadlineWorker(HelplineServices services, RoutingMeters meters, Clock clock) {
        this.services = services;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(POLL_MILLIS, id -> poll());
        return Future.succeededFuture();
    }

    private void poll() {
        if (polling) {
            return;
        }
        polling = true;
        services.deadlines().due(clock.millis(), BATCH)
                .compose(due -> {
                    List<Future<Void>> fired = new ArrayList<>();
                    for (Deadline deadline : due) {
                        fired.add(fire(deadline).recover(failure -> {
                            LOG.warn("Deadline {} not fired yet: {}", deadline.kind(),
                                    failure.getClass().getSimpleName());
                            return Future.succeededFuture();
                        }));
                    }
                    return Future.join(fired);
                })
                .onComplete(done -> polling = false);
    }

    private Future<Void> fire(Deadline deadline) {
        return switch (deadline.kind()) {
            case OFFER -> expireOffer(deadline);
            case STEP -> advanceStep(deadline);
            case PRESENCE -> services.counsellors().presenceDeadline(deadline).map(result -> {
                if (result.matches("[0-9]+") && !"0".equals(result)) {
                    meters.requeued("counsellor-gone", Long.parseLong(result));
                }
                return null;
            });
            case HOLD -> services.conversations().holdExpired(deadline.subject()).map(result -> {
                if (result.startsWith("ok:")) {
                    services.escalationMeters().ended(result.substring(3));
                }
                return null;
            });
        };
    }

    private Future<Void> expireOffer(Deadline deadline) {
        String conversation = deadline.subject();
        return services.conversations().find(conversation).compose(found -> {
            String counsellor = found.flatMap(record -> record.offeredTo()).orElse("-");
            return services.queue().release(conversation, counsellor, deadline.number(), "expired")
                    .map(result -> {
                        if (result.startsWith("ok")) {
                            String association = services.config().counsellor(counsellor)
                                    .map(Counsellor::associationId).orElse("unknown");
                            meters.offer(association, "expired");
                            meters.requeued("expired", 1);
                        }
                        return null;
                    });
        });
    }

    private Future<Void> advanceStep(Deadline deadline) {
        RoutingSettings routing = services.config().routing();
        int next = (int) deadline.number() + 1;
        Optional<Long> nextEndsAt = next < routing.steps().size() - 1
                ? Optional.of(deadline.dueAt() + routing.steps().get(next).timeout().toMillis())
                : Optional.empty();
        return services.deadlines().advanceStep(deadline, nextEndsAt).mapEmpty();
    }
}
