package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.helpline.domain.Availability;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OnlineCounsellor;
import org.helpline.domain.ReachableCounsellor;

/**
 * Counsellors' state in Redis: availability, the consoles that are open (leases that run out when a node dies, with a
 * presence deadline behind them), and the conversations each one holds or is offered (whose count is their load).
 */
public final class CounsellorStore {
    /** The most counsellors one script call reads. */
    public static final int READ_CHUNK = 500;

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final Clock clock;
    private final Function<String, Optional<Counsellor>> profiles;

    public CounsellorStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts,
                           Clock clock, Function<String, Optional<Counsellor>> profiles) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.clock = clock;
        this.profiles = profiles;
    }

    public Future<Availability> setAvailability(Counsellor counsellor, Availability availability) {
        return setAvailability(counsellor, availability, Optional.empty(), "");
    }

    /**
     * Records the availability; {@code awayReason} (a reason id of console.yaml) is kept while away. Available ends a
     * wrap-up. Her consoles are told but the one that asked ({@code origin}, its socket id; empty: all of them).
     */
    public Future<Availability> setAvailability(Counsellor counsellor, Availability availability,
                                                Optional<String> awayReason, String origin) {
        return scripts.text(Scripts.SET_AVAILABILITY.call().key("counsellor", Keys.counsellor(counsellor.id()))
                        .key("availableCounsellors", Keys.AVAILABLE_COUNSELLORS)
                        .key("wrapUp", Keys.wrapUp(counsellor.id())).arg("counsellorId", counsellor.id())
                        .arg("availability", availability.wireName()).arg("displayName", counsellor.displayName())
                        .arg("association", counsellor.associationId()).arg("capacity", counsellor.capacity())
                        .arg("routingChannel", Keys.ROUTING_CHANNEL).arg("awayReason", awayReason.orElse(""))
                        .arg("counsellorChannel", Keys.counsellorChannel(counsellor.id())).arg("origin", origin))
                .map(reply -> Availability.fromWire(reply).orElseThrow());
    }

    /**
     * Whether the counsellor is away because the server set her away when no console of hers renewed its lease in
     * time (not by her own choice since).
     */
    public Future<Boolean> awayForLostConnection(String counsellorId) {
        return bridge.toFuture(commands.hget(Keys.counsellor(counsellorId), "awayBy"))
                .map("connection_lost"::equals);
    }

    /** The reason the counsellor gave for being away, if they are away and gave one. */
    public Future<Optional<String>> awayReason(String counsellorId) {
        return bridge.toFuture(commands.hget(Keys.counsellor(counsellorId), "awayReason")).map(Optional::ofNullable);
    }

    /** What is left of the counsellor's wrap-up (zero when none). */
    public Future<Duration> wrapUpLeft(String counsellorId) {
        return bridge.toFuture(commands.pttl(Keys.wrapUp(counsellorId)))
                .map(left -> left == null || left <= 0 ? Duration.ZERO : Duration.ofMillis(left));
    }

    /** Records the profile others see (name, association, capacity) without touching availability. */
    public Future<Void> registerProfile(Counsellor counsellor) {
        return bridge.toFuture(commands.hset(Keys.counsellor(counsellor.id()), Map.of("name",
                counsellor.displayName(), "association", counsellor.associationId(), "capacity",
                Integer.toString(counsellor.capacity())))).mapEmpty();
    }

    /** The availability last recorded for this counsellor; {@code AWAY} for one never seen. */
    public Future<Availability> availability(String counsellorId) {
        return bridge.toFuture(commands.hget(Keys.counsellor(counsellorId), "status"))
                .map(status -> status == null ? Availability.AWAY
                        : Availability.fromWire(status).orElse(Availability.AWAY));
    }

    /**
     * Renews the lease of one open console (and the presence deadline); true when the socket had no live lease: a new
     * console, or an open one whose lease lapsed because its node could not renew it in time.
     */
    public Future<Boolean> consoleAlive(String counsellorId, String socketId, Duration lease) {
        return scripts.integer(Scripts.CONSOLE_ALIVE.call().key("consoles", Keys.consoles(counsellorId))
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .key("onlineCounsellors", Keys.ONLINE_COUNSELLORS).arg("socketId", socketId)
                .arg("lease", lease.toMillis()).arg("routingChannel", Keys.ROUTING_CHANNEL)
                .arg("presenceDeadline", Deadline.presence(counsellorId).member()).arg("counsellorId", counsellorId))
                .map(fresh -> fresh == 1);
    }

    /** One console closed; when it was the last, the counsellor has {@code grace} to come back. */
    public Future<Long> consoleClosed(String counsellorId, String socketId, Duration grace) {
        return scripts.integer(Scripts.CONSOLE_CLOSED.call().key("consoles", Keys.consoles(counsellorId))
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS).arg("socketId", socketId)
                .arg("grace", grace.toMillis()).arg("presenceDeadline", Deadline.presence(counsellorId).member()));
    }

    /**
     * Fires a presence deadline: the counsellor is still present, or is gone and their chats are requeued, those at
     * risk with {@code dangerHeadStart} (routing's priority settings) and an alert.
     */
    public Future<PresenceOutcome> presenceDeadline(Deadline deadline, Duration dangerHeadStart) {
        String id = deadline.subject();
        return scripts.list(Scripts.COUNSELLOR_GONE.call().key("deadlines", Keys.DEADLINES)
                        .key("deadlineStats", Keys.DEADLINE_STATS).key("consoles", Keys.consoles(id))
                        .key("counsellor", Keys.counsellor(id))
                        .key("counsellorConversations", Keys.counsellorConversations(id))
                        .key("counsellorOffers", Keys.counsellorOffers(id))
                        .key("availableCounsellors", Keys.AVAILABLE_COUNSELLORS).key("queue", Keys.QUEUE)
                        .key("activeConversations", Keys.ACTIVE_CONVERSATIONS).arg("firedDeadline", deadline.member())
                        .arg("counsellorId", id).arg("counsellorChannel", Keys.counsellorChannel(id))
                        .arg("routingChannel", Keys.ROUTING_CHANNEL)
                        .arg("conversationChannelPrefix", Keys.CONVERSATION_CHANNEL_PREFIX)
                        .key("alertLog", Keys.SUPERVISORS_ALERT_LOG)
                        .key("offeredConversations", Keys.OFFERED_CONVERSATIONS)
                        .key("onlineCounsellors", Keys.ONLINE_COUNSELLORS)
                        .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX)
                        .arg("dangerHeadStart", dangerHeadStart.toMillis())
                        .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL).arg("now", clock.millis()))
                .map(reply -> switch ((String) reply.get(0)) {
                    case "requeued" -> new PresenceOutcome.CounsellorGone(((Number) reply.get(1)).longValue());
                    case "present" -> PresenceOutcome.Unchanged.STILL_PRESENT;
                    case "already" -> PresenceOutcome.Unchanged.ALREADY_FIRED;
                    default -> throw new IllegalStateException("counsellor_gone answered " + reply.get(0));
                });
    }

    public Future<Set<String>> conversations(String counsellorId) {
        return bridge.toFuture(commands.smembers(Keys.counsellorConversations(counsellorId)));
    }

    public Future<Set<String>> offers(String counsellorId) {
        return bridge.toFuture(commands.smembers(Keys.counsellorOffers(counsellorId)));
    }

    /** The ids of the counsellors marked available (reachable or not: read them with {@link #reachable}). */
    private Future<Set<String>> available() {
        return bridge.toFuture(commands.smembers(Keys.AVAILABLE_COUNSELLORS));
    }

    /** Every counsellor available with a live console now (see {@link #reachable(List)}). */
    public Future<List<ReachableCounsellor>> reachable() {
        return available().compose(ids -> reachable(List.copyOf(ids)));
    }

    /**
     * Of the counsellors named, those available with a live console now, with their load, when they last got a chat
     * and when their wrap-up ends (by this node's clock: what Redis said was left, from the reply; so never before
     * it ends in Redis); {@link #READ_CHUNK} a script call, one call after the other, so that no call
     * holds Redis long whatever the number of consoles.
     */
    public Future<List<ReachableCounsellor>> reachable(List<String> counsellorIds) {
        return readFrom(counsellorIds, 0, new ArrayList<>(), this::readChunk);
    }

    /**
     * Every counsellor with a live console now, available or away: those marked available and those of
     * {@link Keys#ONLINE_COUNSELLORS}, each read as {@link #online(List)} reads her.
     */
    public Future<List<OnlineCounsellor>> online() {
        Future<Set<String>> available = available();
        Future<Set<String>> listed = bridge.toFuture(commands.smembers(Keys.ONLINE_COUNSELLORS));
        return Future.all(available, listed).compose(both -> {
            Set<String> ids = new LinkedHashSet<>(available.result());
            ids.addAll(listed.result());
            return online(List.copyOf(ids));
        });
    }

    /**
     * Of the counsellors named, those with a live console now, available or away, with the same reading as
     * {@link #reachable(List)} and their availability; {@link #READ_CHUNK} a script call, one after the other.
     */
    public Future<List<OnlineCounsellor>> online(List<String> counsellorIds) {
        return readFrom(counsellorIds, 0, new ArrayList<>(), this::readOnlineChunk);
    }

    private <T> Future<List<T>> readFrom(List<String> ids, int from, List<T> found,
                                         Function<List<String>, Future<List<T>>> read) {
        if (from >= ids.size()) {
            return Future.succeededFuture(found);
        }
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + READ_CHUNK));
        return read.apply(chunk).compose(some -> {
            found.addAll(some);
            return readFrom(ids, from + READ_CHUNK, found, read);
        });
    }

    private Future<List<ReachableCounsellor>> readChunk(List<String> counsellorIds) {
        return scripts.list(Scripts.REACHABLE_COUNSELLORS.call().args("counsellorIds", counsellorIds)
                .arg("counsellorKeyPrefix", Keys.COUNSELLOR_PREFIX)).map(flat -> {
            List<ReachableCounsellor> reachable = new ArrayList<>();
            for (int i = 0; i + 3 < flat.size(); i += 4) {
                counsellorAt(flat, i).ifPresent(reachable::add);
            }
            return reachable;
        });
    }

    private Future<List<OnlineCounsellor>> readOnlineChunk(List<String> counsellorIds) {
        return scripts.list(Scripts.ONLINE_COUNSELLORS.call().args("counsellorIds", counsellorIds)
                .arg("counsellorKeyPrefix", Keys.COUNSELLOR_PREFIX)).map(flat -> {
            List<OnlineCounsellor> online = new ArrayList<>();
            for (int i = 0; i + 4 < flat.size(); i += 5) {
                Availability availability = Availability.fromWire((String) flat.get(i + 4))
                        .orElse(Availability.AWAY);
                counsellorAt(flat, i).ifPresent(read -> online.add(new OnlineCounsellor(read, availability)));
            }
            return online;
        });
    }

    /**
     * The counsellor a script read at {@code at} of its flat answer (id, last assigned, load, wrap-up left:
     * appendCounsellorRead of the Lua prelude), if she is configured.
     */
    private Optional<ReachableCounsellor> counsellorAt(List<?> flat, int at) {
        long lastAssignedAt = Long.parseLong((String) flat.get(at + 1));
        int load = Integer.parseInt((String) flat.get(at + 2));
        Instant wrapUpEnds = wrapUpEnds(Long.parseLong((String) flat.get(at + 3)));
        return profiles.apply((String) flat.get(at))
                .map(profile -> new ReachableCounsellor(profile, load, lastAssignedAt, wrapUpEnds));
    }

    /**
     * When a wrap-up ends by this node's clock, from what Redis said was left (ms; 0 for none, negative for a marker
     * with no expiry).
     */
    private Instant wrapUpEnds(long wrapUpLeft) {
        return wrapUpLeft > 0 ? clock.instant().plusMillis(wrapUpLeft)
                : wrapUpLeft < 0 ? ReachableCounsellor.UNKNOWN_WRAP_UP_END : ReachableCounsellor.NO_WRAP_UP;
    }
}
