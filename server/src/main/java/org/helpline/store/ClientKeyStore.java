package org.helpline.store;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.helpline.auth.Secrets;

/**
 * The secret that turns client addresses into client keys: one per UTC day, living only in Redis and only a bit over
 * a day. The first node that needs a day's secret creates it (SET NX, so every node ends up with the same one); each
 * node keeps the day's secret in memory until the day ends. Once it expires nothing can tell which address a key of
 * that day stood for, nor link it to another day's key.
 */
public final class ClientKeyStore {
    /** A day's secret outlives its day by an hour, so nodes whose clocks differ a little still agree. */
    static final Duration LIFETIME = Duration.ofHours(25);

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Clock clock;
    private final AtomicReference<DaySecret> cached = new AtomicReference<>();

    public ClientKeyStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Clock clock) {
        this.commands = commands;
        this.bridge = bridge;
        this.clock = clock;
    }

    private record DaySecret(LocalDate day, byte[] secret) {
    }

    /** Today's secret (UTC), from this node's memory or from Redis, created there by the first node that asks. */
    public Future<byte[]> today() {
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        DaySecret known = cached.get();
        if (known != null && known.day().equals(day)) {
            return Future.succeededFuture(known.secret());
        }
        String drawn = Secrets.random(32);
        return bridge.toFuture(commands.setGet(Keys.clientKeySecret(day), drawn,
                        SetArgs.Builder.nx().ex(LIFETIME.toSeconds())))
                .map(existing -> {
                    byte[] secret = Base64.getUrlDecoder().decode(existing == null ? drawn : existing);
                    cached.set(new DaySecret(day, secret));
                    return secret;
                });
    }
}
