package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Criterion;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who the dashboard counts as waiting: a chat offered to a counsellor who has not accepted (out of the queue, nobody
 * has answered her yet) is still waiting, in danger when she said so; and a chat whose visitor said she is in danger
 * but waited its turn behind another of the same client's (grouped, without the queue's priority) is shown in danger,
 * waiting and once answered, as the counsellor's console shows it.
 */
class DashboardWaitingIT {
    private static final String OFFERING = "wait-offer";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors())
            .associations(List.of(TestConfig.association(OFFERING, RoutingMode.OFFER, false, Set.of("59"))))
            .counsellors(List.of(TestConfig.counsellor("wait.counsellor", 2, OFFERING),
                    new Counsellor("wait.supervisor", "Sam", OFFERING, Set.of("fr"), Set.of(), 1,
                            TestConfig.counsellor("x", 1).passwordHash(), true, false)))
            .steps(new RoutingStep("local", Set.of(Criterion.REGION), Duration.ZERO)).build());

    private static final JsonObject IN_DANGER = new JsonObject().put("region", "59").put("language", "fr")
            .put("inDanger", true);

    /** The first dashboard frame made at least 2.5 s after now (the queue's copy is read every second). */
    private static JsonObject dashboardAfterARead(TestSocket supervisor) {
        long from = System.currentTimeMillis() + 2_500;
        return supervisor.take(frame -> "dashboard".equals(frame.getString("type")) && frame.getLong("at") >= from,
                "a dashboard frame made after the queue was read again", Duration.ofSeconds(10));
    }

    private static JsonObject offering(JsonObject dashboard) {
        return dashboard.getJsonArray("associations").stream().map(JsonObject.class::cast)
                .filter(line -> OFFERING.equals(line.getString("id"))).findFirst().orElseThrow();
    }

    @Test
    void offeredChatsWaitAndAChatSaidInDangerIsShownInDanger() {
        TestSocket supervisor = helpline.supervisor(0, "wait.supervisor", TestConfig.PASSWORD);
        TestSocket console = helpline.availableConsole(0, "wait.counsellor", TestConfig.PASSWORD);
        Helpline.Visitor first = helpline.visitor(0, IN_DANGER);
        assertEquals(first.conversation(), console.next("offer").getString("conversation"));

        JsonObject offered = dashboardAfterARead(supervisor); // the offer stands 20 s: not accepted yet
        assertEquals(1, offered.getJsonObject("waiting").getInteger("total"), "offered, not answered: waiting");
        assertEquals(1, offered.getJsonObject("waiting").getInteger("inDanger"));
        assertEquals(1, offering(offered).getInteger("inDanger"));
        assertEquals(0, offered.getInteger("activeTotal"));

        // the same client while her first chat still waits in danger: this one waits its turn, grouped
        Helpline.Visitor second = helpline.visitor(0, IN_DANGER);
        assertEquals(second.conversation(), console.next("offer").getString("conversation"));
        JsonObject grouped = dashboardAfterARead(supervisor);
        assertEquals(2, grouped.getJsonObject("waiting").getInteger("total"));
        assertEquals(2, grouped.getJsonObject("waiting").getInteger("inDanger"), "she said so: " + grouped);

        for (Helpline.Visitor visitor : List.of(first, second)) {
            console.send(new JsonObject().put("type", "accept").put("conversation", visitor.conversation()));
            console.next("assigned");
        }
        JsonObject answered = dashboardAfterARead(supervisor);
        assertEquals(2, answered.getInteger("activeTotal"));
        answered.getJsonArray("active").stream().map(JsonObject.class::cast).forEach(chat ->
                assertEquals("in-danger", chat.getString("priority"), chat.getString("conversation")));
        assertEquals(0, answered.getJsonObject("waiting").getInteger("total"));
        first.end();
        second.end();
    }

    /**
     * The offered chats' set holds only chats offered now: left at a decline and at an end while offered, and a member
     * left behind (by a node of an older version) is removed when the set is read.
     */
    @Test
    void theOfferedSetHoldsOnlyChatsOfferedNow() {
        TestSocket console = helpline.availableConsole(0, "wait.counsellor", TestConfig.PASSWORD);
        Helpline.Visitor declined = helpline.visitor(0, new JsonObject().put("region", "59"));
        console.send(new JsonObject().put("type", "decline").put("conversation",
                console.next("offer").getString("conversation")));
        console.next("offer_withdrawn");
        assertEquals(0L, offeredNow(), "declined: back in the queue");
        declined.end();

        Helpline.Visitor leaving = helpline.visitor(0, new JsonObject().put("region", "59"));
        console.take(f -> "offer".equals(f.getString("type"))
                && leaving.conversation().equals(f.getString("conversation")), "her offer");
        assertEquals(1L, offeredNow());
        leaving.end();
        assertEquals(0L, offeredNow(), "ended while offered");

        helpline.inRedis(redis -> redis.zadd(Keys.OFFERED_CONVERSATIONS, 1.0, "left-behind"));
        Waits.until(DashboardWaitingIT::offeredNow, count -> count == 0, 5, "a member left behind removed");
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    private static long offeredNow() {
        return helpline.inRedis(redis -> redis.zcard(Keys.OFFERED_CONVERSATIONS));
    }
}
