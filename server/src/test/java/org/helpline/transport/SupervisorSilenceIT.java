package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A supervisor socket that sends nothing, not even a ping, for the heartbeat timeout (3 s here) is closed as a
 * console is ({@code heartbeat_missed}, 4002): a page gone without closing its connection does not keep its session
 * alive, nor go on being shown to a counsellor as reading her chat. One that pings stays.
 */
class SupervisorSilenceIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("silent.amina", 2), TestConfig.supervisor("silent.sam")))
            .heartbeatTimeout(Duration.ofSeconds(3)).build());

    @Test
    void aSilentSupervisorSocketIsClosedAndItsMonitoringEnds() {
        TestSocket console = helpline.availableConsole(0, "silent.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        TestSocket pinging = helpline.supervisor(0, "silent.sam", TestConfig.PASSWORD);
        TestSocket silent = helpline.supervisor(0, "silent.sam", TestConfig.PASSWORD);
        silent.send(new JsonObject().put("type", "monitor").put("conversation", visitor.conversation()));
        silent.next("monitoring");

        for (int tries = 0; tries < 20 && !silent.isClosed(); tries++) {
            pinging.assertServed();
            TestSocket.sleep(Duration.ofMillis(500));
        }
        assertEquals(4002, silent.awaitClose(), "closed as a silent console is");
        silent.error("heartbeat_missed");
        pinging.assertServed();
        Waits.until(() -> "2".equals(helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()),
                "supervisionCount"))), 15, "its monitoring's end recorded");
        visitor.end();
    }
}
