package org.helpline.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/**
 * The one place where Lettuce results come back onto Vert.x: Lettuce completes its futures on its own Netty threads,
 * so every stage is turned into a Vert.x future completed on the context of the caller.
 */
public final class RedisBridge {
    private final Vertx vertx;

    public RedisBridge(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Future<T> toFuture(CompletionStage<T> stage) {
        Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(stage, context);
    }
}
