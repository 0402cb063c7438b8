package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.helpline.auth.ResumeCode;
import org.helpline.config.HelplineConfig;
import org.helpline.config.VisitorSettings;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of the hold (half a second here, so that the tests see it end without waiting long) and a client's budget of
 * wrong resume codes (three a minute here), with real sockets and a real Redis.
 */
class VisitorHoldIT {
    private static final int CODE_FAILURES = 3;
    private static final Duration HOLD = Duration.ofMillis(500);
    /** Every guess comes from this one client (the budget is per client key). */
    private static final String GUESSER = "192.0.2.50";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("hold.amina", 3));
        return ConfigBuilder.from(base).visitor(new VisitorSettings(HOLD, base.visitor().quickExitUrl(),
                CODE_FAILURES)).build();
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    @Test
    void aWaitingVisitorWhoDoesNotComeBackLeavesTheQueueWhenTheHoldEnds() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("topic", "shelter"));
        String conversation = visitor.conversation();
        visitor.socket().close();
        Waits.until(() -> "ended".equals(field(conversation, "status")), 15, "the end of the hold");
        assertEquals("timeout", field(conversation, "endedBy"));
        assertNull(helpline.inRedis(redis -> redis.zscore("hl:queue", conversation)), "no longer queued");
        assertNull(field(conversation, "visitorAway"));
        assertNull(helpline.inRedis(redis -> redis.zscore("hl:deadlines", "hold|" + conversation)));

        TestSocket later = helpline.socket(0, "/ws/visitor");
        later.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                .put("resumeSecret", visitor.secret()));
        assertEquals("ended", later.next("resumed").getString("status"));
    }

    @Test
    void theCounsellorIsToldTheVisitorLeftThenThatTheHoldEnded() {
        TestSocket console = helpline.availableConsole(0, "hold.amina", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = visitor.conversation();
        console.take(f -> "assigned".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the chat assigned");
        visitor.socket().send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        JsonObject away = console.next("visitor_presence");
        assertFalse(away.getBoolean("present"));
        assertEquals("quick_exit", away.getString("reason"));
        JsonObject ended = console.take(f -> "ended".equals(f.getString("type"))
                && conversation.equals(f.getString("conversation")), "the end of the hold");
        assertEquals("timeout", ended.getString("by"));
        assertEquals("0", helpline.inRedis(redis -> String.valueOf(redis.scard(
                "hl:counsellor:{hold.amina}:conversations"))), "the counsellor's place is free again");
    }

    @Test
    void wrongCodesBeyondTheClientsBudgetAreRateLimitedEvenWhenTheNextOneIsRight() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String code = visitor.started().getString("resumeCode");
        for (int i = 0; i < CODE_FAILURES; i++) {
            TestSocket guesser = helpline.visitorFrom(0, GUESSER);
            guesser.send(new JsonObject().put("type", "resume").put("code", ResumeCode.display(ResumeCode.generate())));
            guesser.error("not_found");
        }
        TestSocket guesser = helpline.visitorFrom(0, GUESSER);
        guesser.send(new JsonObject().put("type", "resume").put("code", ResumeCode.display(ResumeCode.generate())));
        assertEquals("resume", guesser.error("rate_limited").getString("ref"));
        guesser.send(new JsonObject().put("type", "resume").put("code", code));
        guesser.error("rate_limited");
        guesser.assertServed();

        TestSocket owner = helpline.socket(0, "/ws/visitor");
        owner.send(new JsonObject().put("type", "resume").put("conversation", visitor.conversation())
                .put("resumeSecret", visitor.secret()));
        assertEquals(visitor.conversation(), owner.next("resumed").getString("conversation"),
                "the resume secret does not depend on the code budget");
        owner.send(new JsonObject().put("type", "end"));
        owner.next("ended");
    }

    /**
     * Wrong codes sent at once from many sockets of one client are looked up and counted in one step each: no more
     * are tried than the client's budget, and the minute's count ends (it has its expiry).
     */
    @Test
    void wrongCodesSentAtOnceFromManySocketsGetNoMoreThanTheBudget() {
        List<TestSocket> guessers = new ArrayList<>();
        for (int i = 0; i < 4 * CODE_FAILURES; i++) {
            guessers.add(helpline.visitorFrom(0, "192.0.2.51"));
        }
        guessers.forEach(guesser -> guesser.send(new JsonObject().put("type", "resume")
                .put("code", ResumeCode.display(ResumeCode.generate()))));
        List<String> answers = guessers.stream().map(guesser -> guesser.next("error").getString("code")).toList();
        assertEquals(CODE_FAILURES, answers.stream().filter("not_found"::equals).count(), answers.toString());
        assertEquals(3 * CODE_FAILURES, answers.stream().filter("rate_limited"::equals).count(), answers.toString());
        boolean ending = helpline.inRedis(redis -> redis.keys("hl:client:*:codes").stream()
                .allMatch(key -> redis.ttl(key) != -1)); // -2: one that expired since it was listed
        assertTrue(ending, "every count of wrong codes ends");
    }
}
