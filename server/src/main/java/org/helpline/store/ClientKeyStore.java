package org.helpline.store;

import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.helpline.auth.Secrets;

/**
 * The secret that turns client addresses into client keys: one per UTC day (whatever {@code statistics.timeZone} says:
 * a key's day is no figure anyone reads, and a local day of 25 hours would leave {@link #LIFETIME} no margin), living
 * only in Redis and only a bit over a day. The first node that needs a day's secret creates it (SET NX, so every node
 * ends up with the same one); each node keeps the day's secret in memory until the day ends. Once it expires nothing
 * can tell which address a key of that day stood for, nor link it to another day's key. A block keeps its key's day's
 * secret as long as it lasts ({@code block_client.lua}): those earlier days' secrets are {@link #kept()}, so a blocked
 * client's key of today can be checked against the block. Days join the list, or stay in it longer, only when a block
 * is made (they leave it by expiring, which a copy of the list sees by itself), so once this node {@link #follow
 * follows} the changes (published by {@code block_client.lua}) it reads the list again after one, and at least every
 * {@link #KEPT_DAYS_MAX_AGE} in case one was missed (pub/sub is at-most-once, and a re-subscription after a reconnect
 * is not confirmed).
 */
public final class ClientKeyStore {
    /** A day's secret outlives its day by an hour, so nodes whose clocks differ a little still agree. */
    static final Duration LIFETIME = Duration.ofHours(25);
    /** How long this node keeps its copy of the kept days, when no change was heard. */
    static final Duration KEPT_DAYS_MAX_AGE = Duration.ofSeconds(30);

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Clock clock;
    private final AtomicReference<DaySecret> cached = new AtomicReference<>();
    private final Map<LocalDate, byte[]> earlier = new ConcurrentHashMap<>();
    /** The kept days as last read, while this node follows their changes and none came since; else null. */
    private final AtomicReference<KeptDays> keptDays = new AtomicReference<>();
    /** Counts the changes heard of, so that a read overtaken by one is not kept. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean following;

    public ClientKeyStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Clock clock) {
        this.commands = commands;
        this.bridge = bridge;
        this.clock = clock;
    }

    /** The secret of one UTC day. */
    public record DaySecret(LocalDate day, byte[] secret) {
    }

    /** Today's secret (UTC), from this node's memory or from Redis, created there by the first node that asks. */
    public Future<DaySecret> today() {
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        DaySecret known = cached.get();
        if (known != null && known.day().equals(day)) {
            return Future.succeededFuture(known);
        }
        String drawn = Secrets.random(32);
        return bridge.toFuture(commands.setGet(Keys.clientKeySecret(day), drawn,
                        SetArgs.Builder.nx().ex(LIFETIME.toSeconds())))
                .map(existing -> {
                    DaySecret secret = new DaySecret(day, Base64.getUrlDecoder().decode(existing == null ? drawn
                            : existing));
                    cached.set(secret);
                    return secret;
                });
    }

    /** The kept days as read at {@code readAt} (ms): day -> until (ms) of the longest block made with its keys. */
    private record KeptDays(long readAt, Map<LocalDate, Long> until) {
    }

    /**
     * Follows the changes of the kept days, so that {@link #kept()} reads them again after one (or after the pub/sub
     * connection came back: changes may have been missed). Until the subscription is confirmed every call reads them;
     * the node starts serving only once it is.
     */
    public Future<Void> follow(EventChannels events) {
        return events.subscribe(Keys.CLIENT_KEY_KEPT_DAYS_CHANNEL, day -> changed(), this::changed)
                .onSuccess(subscribed -> following = true).mapEmpty();
    }

    private void changed() {
        changes.incrementAndGet();
        keptDays.set(null);
    }

    /** The secrets of earlier days that blocks in force still need (usually none), oldest first. */
    public Future<List<DaySecret>> kept() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        long now = clock.millis();
        return keptDays().compose(days -> {
            List<LocalDate> needed = days.until().entrySet().stream()
                    .filter(day -> day.getValue() > now && day.getKey().isBefore(today)).map(Map.Entry::getKey)
                    .sorted().toList();
            earlier.keySet().retainAll(needed);
            return Future.all(needed.stream().map(this::earlierSecret).toList())
                    .map(all -> all.<Optional<DaySecret>>list().stream().flatMap(Optional::stream).toList());
        });
    }

    private Future<KeptDays> keptDays() {
        KeptDays known = keptDays.get();
        long now = clock.millis();
        if (known != null && now >= known.readAt() && now - known.readAt() < KEPT_DAYS_MAX_AGE.toMillis()) {
            return Future.succeededFuture(known);
        }
        boolean keep = following; // a read begun before the subscription was confirmed may have missed a change
        long asOf = changes.get();
        return bridge.toFuture(commands.zrangebyscoreWithScores(Keys.CLIENT_KEY_KEPT_DAYS,
                        Range.create((double) now, Double.POSITIVE_INFINITY)))
                .map(days -> {
                    KeptDays read = new KeptDays(now, days.stream().collect(Collectors.toUnmodifiableMap(
                            day -> LocalDate.parse(day.getValue()), day -> (long) day.getScore())));
                    if (keep) {
                        keptDays.set(read);
                        if (changes.get() != asOf) { // a change came while this read was under way
                            keptDays.compareAndSet(read, null);
                        }
                    }
                    return read;
                });
    }

    private Future<Optional<DaySecret>> earlierSecret(LocalDate day) {
        byte[] known = earlier.get(day);
        if (known != null) {
            return Future.succeededFuture(Optional.of(new DaySecret(day, known)));
        }
        return bridge.toFuture(commands.get(Keys.clientKeySecret(day))).map(value -> Optional.ofNullable(value)
                .map(text -> {
                    byte[] secret = Base64.getUrlDecoder().decode(text);
                    earlier.put(day, secret);
                    return new DaySecret(day, secret);
                }));
    }
}
