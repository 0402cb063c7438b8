package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chat assigned while Redis fails the reads that put it on the counsellor's console still reaches the console once
 * Redis answers again: nothing else would show it, and the visitor, told a counsellor has joined, would be writing to
 * someone who never sees the chat. Redis is made to refuse {@code LRANGE} (the console's read of the chat's notes),
 * as it would fail every read while unreachable or too slow, and no other step of the assignment needs it.
 */
class AssignedWhileRedisFailsIT {
    private static final Pattern FAILURES = Pattern.compile("(?m)^helpline_redis_failures_total(\\{[^}]*})? (\\S+)");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("retry.amina", 1)));

    private static double redisFailures() {
        Matcher matcher = FAILURES.matcher(helpline.get(0, "/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : 0;
    }

    private static void lrange(boolean allowed) {
        helpline.inRedis(redis -> redis.aclSetuser("default", allowed
                ? AclSetuserArgs.Builder.addCommand(CommandType.LRANGE)
                : AclSetuserArgs.Builder.removeCommand(CommandType.LRANGE)));
    }

    @Test
    void theConsoleShowsTheChatOnceRedisAnswersAgain() {
        TestSocket console = helpline.console(0, "retry.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject()); // waits: the counsellor is away
        double failuresBefore = redisFailures();
        lrange(false);
        try {
            console.send(new JsonObject().put("type", "status").put("status", "available"));
            visitor.socket().next("assigned");
            Waits.until(() -> redisFailures() > failuresBefore, 10, "the console's read of the chat refused");
            assertEquals(0, console.count("assigned"), "not shown while Redis refuses");
        } finally {
            lrange(true);
        }
        JsonObject assigned = console.take(frame -> "assigned".equals(frame.getString("type")),
                "the chat on the console once Redis answers");
        assertEquals(visitor.conversation(), assigned.getString("conversation"));

        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "allô ?"));
        assertEquals("allô ?", console.next("message").getString("text"));
        assertEquals(0, console.all("assigned", TestSocket.QUIET).size(), "shown once");
        visitor.end();
    }
}
