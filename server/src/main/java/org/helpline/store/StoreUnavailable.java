package org.helpline.store;

import io.lettuce.core.RedisException;
import java.io.IOException;

/**
 * Redis could not serve a call: down, unreachable, too slow, or it refused the command. Every failure of a Redis call
 * reaches callers as this (made in {@link RedisBridge}), so nothing outside the store knows Lettuce's exceptions; the
 * Lettuce failure is the cause.
 */
public final class StoreUnavailable extends RuntimeException {
    private StoreUnavailable(Throwable cause) {
        super("Redis call failed: " + cause.getClass().getSimpleName(), cause);
    }

    /**
     * A failure as the store reports it: one that comes from Lettuce, or from the connection to Redis (reset under a
     * command in flight, as when a primary dies), becomes {@code StoreUnavailable}.
     */
    static Throwable of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException || cause instanceof IOException) {
                return new StoreUnavailable(failure);
            }
        }
        return failure;
    }
}
