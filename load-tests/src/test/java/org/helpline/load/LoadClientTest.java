package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writers that begin together do not write together: each starts at its own point of the period. */
class LoadClientTest {
    @Test
    void periodicWritersBegunTogetherAreSpreadOverThePeriod() throws Exception {
        LoadClient client = new LoadClient("http://localhost:1");
        try {
            int writers = 20;
            List<Long> firsts = new CopyOnWriteArrayList<>();
            CountDownLatch fired = new CountDownLatch(writers);
            long begun = System.nanoTime();
            // from an event loop, as the generator's writers are: a first tick cannot come before setPeriodic returned
            client.vertx.runOnContext(onLoop -> {
                for (int i = 0; i < writers; i++) {
                    client.periodic(Duration.ofMillis(600), timer -> {
                        client.vertx.cancelTimer(timer);
                        firsts.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
                        fired.countDown();
                    });
                }
            });
            assertTrue(fired.await(10, TimeUnit.SECONDS), "every writer wrote");
            long spread = firsts.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - firsts.stream().mapToLong(Long::longValue).min().orElseThrow();
            // without a phase of their own they would fire within a millisecond or two of one another
            assertTrue(spread >= 150, "first writes spread over the period: " + firsts);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
