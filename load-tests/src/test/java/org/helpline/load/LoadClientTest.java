package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writers that begin together do not write together: each starts at its own point of the period; and each run of a
 * writer is told when it was due, so that a run the event loop delayed is timed from its schedule.
 */
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
                    client.periodic(Duration.ofMillis(600), (timer, due) -> {
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

    @Test
    void aRunTheLoopDelayedIsToldWhenItWasDue() throws Exception {
        LoadClient client = new LoadClient("http://localhost:1");
        try {
            long period = TimeUnit.MILLISECONDS.toNanos(50);
            List<long[]> runs = new CopyOnWriteArrayList<>(); // {due, ran}
            CountDownLatch fired = new CountDownLatch(5);
            client.vertx.runOnContext(onLoop -> client.periodic(Duration.ofMillis(50), (timer, due) -> {
                runs.add(new long[]{due, System.nanoTime()});
                if (runs.size() == 2) {
                    sleep(200); // the generator's one event loop busy: the next runs come late, one after the other
                }
                fired.countDown();
                if (fired.getCount() == 0) {
                    client.vertx.cancelTimer(timer);
                }
            }));
            assertTrue(fired.await(10, TimeUnit.SECONDS), "five runs");
            for (int k = 0; k < 5; k++) {
                assertEquals(runs.get(0)[0] + k * period, runs.get(k)[0], "due whole periods after the first");
                assertTrue(runs.get(k)[1] >= runs.get(k)[0], "never run before it was due");
            }
            assertTrue(runs.get(2)[1] - runs.get(2)[0] >= TimeUnit.MILLISECONDS.toNanos(100),
                    "the run after the stall was late, and is told so: " + (runs.get(2)[1] - runs.get(2)[0]));
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
