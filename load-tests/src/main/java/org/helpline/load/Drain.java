package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The end of sending, message by message ({@link ConversationLog}): waits {@code drain} for the last messages, then,
 * while a message is not settled (acknowledged and not yet delivered to the other side, or not answered at all), up
 * to {@code late} more. Those settled then are counted {@code late.delivered} (and the wait {@code late.waited_ms}),
 * so that a message a saturated machine delivers seconds late is told apart from one that never comes. What is left
 * is counted: {@code error.lost} (acknowledged, never delivered), {@code error.unresolved} (neither acknowledged,
 * refused nor delivered), {@code message.delivered_without_ack} (delivered and never acknowledged: stored, though its
 * sender was told {@code unavailable}, which may or may not store it, or nothing) and
 * {@code message.refused_undelivered} (refused with an error, and not delivered).
 */
final class Drain {
    private static final long POLL_MILLIS = 100;

    private Drain() {
    }

    static Future<Void> messages(Vertx vertx, Traffic traffic, Duration drain, Duration late) {
        Promise<Void> done = Promise.promise();
        vertx.setTimer(Math.max(1, drain.toMillis()), drained -> {
            long awaitedAtDrain = unsettled(traffic).awaited();
            long start = System.nanoTime();
            long deadline = start + late.toNanos();
            vertx.setPeriodic(POLL_MILLIS, timer -> {
                ConversationLog.Unsettled left = unsettled(traffic);
                if (left.awaited() == 0 || System.nanoTime() >= deadline) {
                    vertx.cancelTimer(timer);
                    Counts counts = traffic.counts;
                    counts.add("late.delivered", Math.max(0, awaitedAtDrain - left.awaited()));
                    counts.add("late.waited_ms", awaitedAtDrain == 0 ? 0
                            : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    counts.add("error.lost", left.lost());
                    counts.add("error.unresolved", left.unresolved());
                    counts.add("message.delivered_without_ack", left.deliveredWithoutAck());
                    counts.add("message.refused_undelivered", left.refused());
                    done.complete();
                }
            });
        });
        return done.future();
    }

    private static ConversationLog.Unsettled unsettled(Traffic traffic) {
        return traffic.chats.values().stream().map(Chat::unsettled)
                .reduce(ConversationLog.Unsettled.NONE, ConversationLog.Unsettled::plus);
    }
}
