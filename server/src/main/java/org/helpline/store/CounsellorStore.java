package org.helpline.store;

import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.domain.Availability;
import org.helpline.domain.Counsellor;
import org.helpline.domain.ReachableCounsellor;

/**
 * Counsellors' state in Redis: availability, the consoles that are open (leases that run out when a node dies), and
 * the conversations each one holds (whose count is their load).
 */
public final class CounsellorStore {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;

    public CounsellorStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts,
                           Clock clock) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
    }

    public Future<Availability> setAvailability(Counsellor counsellor, Availability availability) {
        return scripts.text(Scripts.SET_AVAILABILITY,
                        new String[]{Keys.counsellor(counsellor.id()), Keys.AVAILABLE_COUNSELLORS},
                        counsellor.id(), availability.wireName(), counsellor.displayName(),
                        counsellor.associationId(), Integer.toString(counsellor.capacity()), Keys.ROUTING_CHANNEL)
                .map(reply -> Availability.fromWire(reply).orElseThrow());
    }

    /** The availability last recorded for this counsellor; {@code AWAY} for one never seen. */
    public Future<Availability> availability(String counsellorId) {
        return bridge.toFuture(commands.hget(Keys.counsellor(counsellorId), "status"))
                .map(status -> status == null ? Availability.AWAY
                        : Availability.fromWire(status).orElse(Availability.AWAY));
    }

    /** Renews the lease of one open console; returns how many consoles of this counsellor are live. */
    public Future<Long> consoleAlive(String counsellorId, String socketId, Duration lease) {
        return scripts.integer(Scripts.CONSOLE_ALIVE, new String[]{Keys.consoles(counsellorId)}, socketId,
                Long.toString(lease.toMillis()), Keys.ROUTING_CHANNEL);
    }

    public Future<Void> consoleClosed(String counsellorId, String socketId) {
        return bridge.toFuture(commands.zrem(Keys.consoles(counsellorId), socketId)).mapEmpty();
    }

    public Future<Set<String>> conversations(String counsellorId) {
        return bridge.toFuture(commands.smembers(Keys.counsellorConversations(counsellorId)));
    }

    /** Counsellors marked available who have a live console, with their load and capacity. */
    public Future<List<ReachableCounsellor>> reachable() {
        return bridge.toFuture(commands.smembers(Keys.AVAILABLE_COUNSELLORS)).compose(ids -> {
            long now = clock.millis();
            List<Future<ReachableCounsellor>> probes = new ArrayList<>();
            for (String id : ids) {
                Future<Map<String, String>> profile = bridge.toFuture(commands.hgetall(Keys.counsellor(id)));
                Future<Long> live = bridge.toFuture(
                        commands.zcount(Keys.consoles(id), Range.create((double) now, Double.POSITIVE_INFINITY)));
                Future<Long> load = bridge.toFuture(commands.scard(Keys.counsellorConversations(id)));
                probes.add(Future.all(profile, live, load).map(done -> live.result() > 0
                        && "available".equals(profile.result().get("status"))
                        ? new ReachableCounsellor(id, profile.result().getOrDefault("association", ""),
                        load.result().intValue(), Integer.parseInt(profile.result().getOrDefault("capacity", "0")))
                        : null));
            }
            return Future.all(probes).map(all -> probes.stream().map(Future::result)
                    .filter(java.util.Objects::nonNull).toList());
        });
    }
}
