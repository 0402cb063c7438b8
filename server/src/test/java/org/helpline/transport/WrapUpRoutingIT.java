package org.helpline.transport;

import static org.helpline.transport.RoutingIT.away;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.helpline.config.HelplineConfig;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrap-up ends by itself (its marker expires) and no event says so: a chat queued once it has ended, while the only
 * counsellor who may have a place was in wrap-up when the node last read them, must start a round at once, not wait
 * for the next tick that sees the queue (one to two seconds).
 */
class WrapUpRoutingIT {
    private static final String COUNSELLOR = "wrapup.a";
    /** Well under the tick (1 s): the chat went out from its own event, not from a tick. */
    private static final long AT_ONCE_MILLIS = 700;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        return ConfigBuilder.from(TestConfig.withCounsellors(TestConfig.counsellor(COUNSELLOR, 1)))
                .wrapUp(Duration.ofSeconds(1)).build();
    }

    @Test
    void aChatQueuedAfterAWrapUpEndedGoesOutAtOnce() {
        TestSocket console = helpline.availableConsole(0, COUNSELLOR, TestConfig.PASSWORD);
        Helpline.Visitor first = helpline.visitor(0, new JsonObject());
        assertEquals(first.conversation(), console.next("assigned").getString("conversation"));
        first.end();
        Waits.until(() -> helpline.inRedis(redis -> redis.exists(Keys.wrapUp(COUNSELLOR))) == 1, 5,
                "the wrap-up to start");
        Waits.until(() -> helpline.inRedis(redis -> redis.exists(Keys.wrapUp(COUNSELLOR))) == 0, 5,
                "the wrap-up to end");
        long start = System.nanoTime();
        Helpline.Visitor second = helpline.visitor(0, new JsonObject());
        assertEquals(second.conversation(), console.next("assigned").getString("conversation"));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < AT_ONCE_MILLIS, "the chat went out " + took + " ms after it was queued");
        away(console);
        second.end();
    }
}
