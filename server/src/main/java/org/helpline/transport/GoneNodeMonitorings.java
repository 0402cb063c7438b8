package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.helpline.domain.Counsellor;
import org.helpline.domain.SupervisionKind;
import org.helpline.store.NodeMonitoring;
import org.helpline.store.SupervisionStore;

/**
 * Ends the monitorings that the supervisor sockets of a node that died still held (node_gone.lua answers them), as
 * each socket's own end would have after its grace ({@link MonitorFrames#REJOIN_GRACE}): the same {@code monitor_end}
 * entry in the chat's case record, told to its counsellor. One that ended already, or that the same page took on from
 * another socket since, is left as it is (the store decides, as for a socket's end).
 */
public final class GoneNodeMonitorings {
    private final SupervisionStore supervision;
    private final Function<String, Optional<Counsellor>> accounts;
    private final Clock clock;

    /** {@code accounts}: the counsellor (here the supervisor) of an id, from the configuration. */
    public GoneNodeMonitorings(SupervisionStore supervision, Function<String, Optional<Counsellor>> accounts,
                               Clock clock) {
        this.supervision = supervision;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Ends each monitoring {@code left} by a socket of node {@code gone}; fails when one could not be recorded (the
     * node's deadline fires again for it).
     */
    public Future<Void> end(String gone, List<NodeMonitoring> left) {
        return Future.join(left.stream().map(monitoring -> supervision.endForGoneNode(gone, monitoring,
                entry(monitoring.supervisorId()))).toList()).mapEmpty();
    }

    /**
     * The entry of the end, from the supervisor as her socket would have written it; an account gone from the
     * configuration since (a restart with other accounts) is named by its id.
     */
    private JsonObject entry(String supervisorId) {
        long at = clock.millis();
        return accounts.apply(supervisorId)
                .map(supervisor -> SupervisionEntries.entry(SupervisionKind.MONITOR_END, supervisor, at))
                .orElseGet(() -> new JsonObject().put("kind", SupervisionKind.MONITOR_END.wireName())
                        .put("from", supervisorId).put("at", at));
    }
}
