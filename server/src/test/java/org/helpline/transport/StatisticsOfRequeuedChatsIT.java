package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the observatory's counters say of an answered chat given back to the queue (its counsellor's console died) that
 * ends before anyone answers it again: answered, under the association that answered it, not under {@code none} (the
 * chats nobody answered).
 */
class StatisticsOfRequeuedChatsIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("requeue.rui", 2))).quickTimers().build());

    @Test
    void anAnsweredChatGivenBackAndLeftCountsUnderTheAssociationThatAnsweredIt() {
        TestSocket console = helpline.availableConsole(0, "requeue.rui", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
        console.abort(); // the console dies: once its lease lapses, the chat goes back to the queue
        visitor.socket().next("requeued");
        visitor.end();

        Map<String, String> counters = helpline.inRedis(redis -> redis.hgetall("hl:stats:day:"
                + LocalDate.now(ZoneOffset.UTC)));
        assertEquals("1", counters.get(TestConfig.DIRECT + "|answered"), counters.toString());
        assertEquals("1", counters.get(TestConfig.DIRECT + "|received"), counters.toString());
        assertNull(counters.get("-|received"), "nothing under none: " + counters);
    }
}
