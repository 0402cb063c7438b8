package org.helpline.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * The one place where Lettuce results come back onto Vert.x: Lettuce completes its futures on its own Netty threads,
 * so every stage is turned into a Vert.x future completed on the context of the caller, and a Lettuce failure into
 * {@link StoreUnavailable}.
 */
public final class RedisBridge {
    /** Every Redis round trip passes here, so this counter is the node's number of Redis calls. */
    public static final String CALLS = "helpline.redis.calls";
    /** The round trips that failed: Redis unreachable, too slow, its request queue full, or it refused the command. */
    public static final String FAILURES = "helpline.redis.failures";

    private final Vertx vertx;
    private final Counter calls;
    private final Counter failures;

    public RedisBridge(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.calls = Counter.builder(CALLS).description("Redis round trips made by this node").register(registry);
        this.failures = Counter.builder(FAILURES).description("Redis round trips that failed")
                .register(registry);
    }

    public <T> Future<T> toFuture(CompletionStage<T> stage) {
        calls.increment();
        Context context = vertx.getOrCreateContext();
        return Future.<T>fromCompletionStage(stage, context)
                .recover(failure -> {
                    failures.increment();
                    return Future.failedFuture(StoreUnavailable.of(failure));
                });
    }
}
