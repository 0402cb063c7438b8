package org.helpline.support;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a test thread, always with a bound, failing the test with the real cause or naming what was awaited. */
public final class Waits {
    private static final long POLL_MILLIS = 50;

    private Waits() {
    }

    public static <T> T await(Future<T> future) {
        return await(future, 20);
    }

    public static <T> T await(Future<T> future, int seconds) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("not completed within " + seconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls a condition until it holds, for at most {@code seconds}; fails naming what was awaited. */
    public static void until(BooleanSupplier condition, int seconds, String what) {
        until(condition::getAsBoolean, Boolean::booleanValue, seconds, what);
    }

    /**
     * Reads {@code value} until it is {@code done}, for at most {@code seconds}, and returns it; fails naming what was
     * awaited and the last value read.
     */
    public static <T> T until(Supplier<T> value, Predicate<T> done, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            T read = value.get();
            if (done.test(read)) {
                return read;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + seconds + " s; last read: " + read);
            }
            pause();
        }
    }

    /** Runs {@code check} until it passes, for at most {@code seconds}; fails with its last failure. */
    public static void untilPasses(Runnable check, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
