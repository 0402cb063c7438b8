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
import java.util.concurrent.atomic.AtomicReference;
import org.helpline.auth.Secrets;

/**
 * The secret that turns client addresses into client keys: one per UTC day, living only in Redis and only a bit over
 * a day. The first node that needs a day's secret creates it (SET NX, so every node ends up with the same one); each
 * node keeps the day's secret in memory until the day ends. Once it expires nothing can tell which address a key of
 * that day stood for, nor link it to another day's key. A block keeps its key's day's secret as long as it lasts
 * ({@code block_client.lua}): those earlier days' secrets are {@link #kept()}, so a blocked client's key of today can
 * be checked against the block.
 */
public final class ClientKeyStore {
    /** A day's secret outlives its day by an hour, so nodes whose clocks differ a little still agree. */
    static final Duration LIFETIME = Duration.ofHours(25);

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Clock clock;
    private final AtomicReference<DaySecret> cached = new AtomicReference<>();
    private final Map<LocalDate, byte[]> earlier = new ConcurrentHashMap<>();

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

    /** The secrets of earlier days that blocks in force still need (usually none), oldest first. */
    public Future<List<DaySecret>> kept() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return bridge.toFuture(commands.zrangebyscore(Keys.CLIENT_KEY_KEPT_DAYS,
                        Range.create((double) clock.millis(), Double.POSITIVE_INFINITY)))
                .compose(days -> {
                    List<LocalDate> needed = days.stream().map(LocalDate::parse).filter(day -> day.isBefore(today))
                            .sorted().toList();
                    earlier.keySet().retainAll(needed);
                    return Future.all(needed.stream().map(this::earlierSecret).toList())
                            .map(all -> all.<Optional<DaySecret>>list().stream().flatMap(Optional::stream).toList());
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
