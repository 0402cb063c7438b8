package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartsRendezvousTest {
    /**
     * A part whose chats are all assigned waits for the other part's before its message phase, whatever steps the
     * other part passed before; a file left by an earlier run does not count.
     */
    @Test
    void aPartWaitsAtEachStepUntilEveryPartHasReachedIt(@TempDir Path directory) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            PartsRendezvous first = PartsRendezvous.fresh(directory, new Part(1, 2));
            PartsRendezvous second = PartsRendezvous.joining(directory, new Part(2, 2));
            Future<Void> bothReady = first.all(vertx, PartsRendezvous.Step.READY);
            second.all(vertx, PartsRendezvous.Step.READY).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            bothReady.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            Future<Void> firstAssigned = first.all(vertx, PartsRendezvous.Step.ASSIGNED);
            Thread.sleep(300);
            assertFalse(firstAssigned.isComplete(), "the other part's chats are still opening");
            second.all(vertx, PartsRendezvous.Step.ASSIGNED).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            firstAssigned.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            PartsRendezvous again = PartsRendezvous.fresh(directory, new Part(1, 2));
            Future<Void> nextRun = again.all(vertx, PartsRendezvous.Step.ASSIGNED);
            Thread.sleep(300);
            assertFalse(nextRun.isComplete(), "the last run's files were cleared");
            PartsRendezvous.joining(directory, new Part(2, 2)).all(vertx, PartsRendezvous.Step.ASSIGNED)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            nextRun.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS); // no poll left running
            assertTrue(PartsRendezvous.alone().all(vertx, PartsRendezvous.Step.ASSIGNED).succeeded());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
