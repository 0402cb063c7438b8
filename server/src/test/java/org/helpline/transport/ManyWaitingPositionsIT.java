package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.helpline.domain.QueuePlace;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More visitors wait on one node than one slice of {@link QueueUpdates}'s work and than one delivery task per event
 * loop carry, and all their places change at once: every one of them is told their new place, the last ones as well
 * as the first (those beyond the first {@link QueuePlace#NEAR} places within {@link QueuePlace#FAR_EVERY} of their
 * last notice).
 */
class ManyWaitingPositionsIT {
    private static final int WAITING = Math.max(QueueUpdates.WATCHERS_PER_TASK,
            VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE * QueueUpdates.FRAMES_PER_TASK) + QueueUpdates.FRAMES_PER_TASK;
    private static final Duration FAR_NOTICE = QueuePlace.FAR_EVERY.plusSeconds(10);

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("positions.noor", 1)));

    @Test
    void everyWaitingVisitorIsToldTheirNewPlaceWhenTheFirstLeaves() {
        List<Helpline.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i <= WAITING; i++) {
            visitors.add(helpline.visitor(0, new JsonObject()));
        }
        for (int i = 0; i <= WAITING; i++) {
            long place = i + 1;
            visitors.get(i).socket().take(frame -> "queue".equals(frame.getString("type"))
                    && frame.getLong("position") == place, "place " + place);
        }

        visitors.get(0).socket().close(); // every other place changes in the same second
        List<Long> moved = new ArrayList<>();
        for (Helpline.Visitor visitor : visitors.subList(1, visitors.size())) {
            moved.add(visitor.socket().take(frame -> "queue".equals(frame.getString("type")), "the new place",
                    FAR_NOTICE).getLong("position"));
        }
        assertEquals(LongStream.rangeClosed(1, WAITING).boxed().toList(), moved,
                "each visitor one place up, none left out");
        visitors.forEach(visitor -> visitor.socket().close());
    }
}
