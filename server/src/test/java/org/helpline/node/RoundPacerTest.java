package org.helpline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rounds one at a time, at most one start per gap, and every request served by a round that begins after it. */
class RoundPacerTest {
    private static final Duration GAP = Duration.ofMillis(100);
    private final Vertx vertx = Vertx.vertx();
    /** One context, as a verticle's: the pacer is confined to its event loop. */
    private final Context context = vertx.getOrCreateContext();
    private final List<Long> starts = new CopyOnWriteArrayList<>();
    private final List<Promise<Boolean>> rounds = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Future<Boolean> round() {
        starts.add(System.nanoTime());
        Promise<Boolean> round = Promise.promise();
        rounds.add(round);
        return round.future();
    }

    /** Runs {@code action} on the pacer's event loop and waits for it. */
    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> done.complete(action.get()));
        return done.get(10, TimeUnit.SECONDS);
    }

    private void waitFor(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (starts.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, starts.size(), "rounds started");
    }

    /** A pacer whose first round was asked for and has begun. */
    private RoundPacer firstRound() throws Exception {
        RoundPacer pacer = onLoop(() -> new RoundPacer(vertx, GAP, this::round));
        onLoop(() -> {
            pacer.request();
            return null;
        });
        waitFor(1);
        return pacer;
    }

    @Test
    void requestsDuringARoundOrWithinTheGapAreServedByOneRoundAfterIt() throws Exception {
        RoundPacer pacer = firstRound();
        onLoop(() -> {
            for (int i = 0; i < 5; i++) {
                pacer.request(); // while the first round runs
            }
            rounds.get(0).complete(false);
            for (int i = 0; i < 5; i++) {
                pacer.request(); // within the gap after it began
            }
            return null;
        });
        waitFor(2);
        assertTrue(starts.get(1) - starts.get(0) >= GAP.toNanos(), "the second round waited for the gap");
        onLoop(() -> {
            rounds.get(1).complete(false);
            return null;
        });
        Thread.sleep(3 * GAP.toMillis());
        assertEquals(2, starts.size(), "ten requests, one round after the first");
    }

    @Test
    void aRoundThatAsksForAnotherGetsItAfterTheGapAndAFailedOneDoesNotStopThePacer() throws Exception {
        RoundPacer pacer = firstRound();
        onLoop(() -> {
            rounds.get(0).complete(true); // more chats may wait
            return null;
        });
        waitFor(2);
        assertTrue(starts.get(1) - starts.get(0) >= GAP.toNanos());
        onLoop(() -> {
            rounds.get(1).fail("Redis unavailable");
            return null;
        });
        Thread.sleep(3 * GAP.toMillis());
        assertEquals(2, starts.size(), "a failed round asks for none");
        onLoop(() -> {
            pacer.request();
            return null;
        });
        waitFor(3);
    }
}
