package org.helpline.node;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Assignment;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.ClaimOutcome;
import org.helpline.store.QueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims of a routing round's proposals: each goes through the atomic claim (an offer or a direct assignment, as
 * the counsellor's association is configured). On one connection to Redis they are all sent at once and run in the
 * head's order. On several ({@code redis.commandConnections}) each claim goes on its own conversation's connection
 * ({@code RedisLanes}), so two sent together could run in either order: a counsellor's are then sent one after the
 * other, different counsellors' at once, and a counsellor with one place left gets the chat that came first.
 */
final class RoundClaims {
    private static final Logger LOG = LoggerFactory.getLogger(RoundClaims.class);
    private final QueueStore queue;
    private final HelplineConfig config;
    private final Map<String, Association> associations;
    private final RoutingMeters meters;
    private final boolean oneConnection;

    RoundClaims(QueueStore queue, HelplineConfig config, RoutingMeters meters) {
        this.queue = queue;
        this.config = config;
        this.associations = config.associationsById();
        this.meters = meters;
        this.oneConnection = config.redis().commandConnections() == 1;
    }

    /** Claims the proposals; how many became offers or assignments. */
    Future<Integer> claim(List<Assignment> proposals) {
        Map<String, Future<Boolean>> lastOfCounsellor = new HashMap<>();
        List<Future<Boolean>> claims = new ArrayList<>();
        for (Assignment proposal : proposals) {
            Future<Boolean> before = oneConnection ? null : lastOfCounsellor.get(proposal.counsellorId());
            Future<Boolean> claim = before == null ? claim(proposal) : before.transform(done -> claim(proposal));
            lastOfCounsellor.put(proposal.counsellorId(), claim);
            claims.add(claim);
        }
        return Future.join(claims).map(done -> (int) claims.stream()
                .filter(claim -> claim.succeeded() && claim.result()).count());
    }

    private Future<Boolean> claim(Assignment proposal) {
        Association association = config.counsellor(proposal.counsellorId())
                .map(Counsellor::associationId).map(associations::get).orElse(null);
        if (association == null) {
            return Future.succeededFuture(false);
        }
        return queue.claim(proposal, association.routingMode()).map(outcome -> {
            if (outcome.result() == ClaimOutcome.Result.OFFERED) {
                meters.offered(association.id());
            } else if (outcome.result() == ClaimOutcome.Result.ASSIGNED) {
                meters.waited(association.id(), Duration.ofMillis(outcome.waitedMillis()));
            } else {
                LOG.debug("Claim for counsellor {} refused: {}", proposal.counsellorId(), outcome.result().wireName());
            }
            return outcome.succeeded();
        });
    }
}
