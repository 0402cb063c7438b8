package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.helpline.config.AbuseSettings;
import org.helpline.config.HelplineConfig;
import org.helpline.config.VisitorSettings;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.CountingHour;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * What one client key may do, on two nodes sharing a real Redis: start three chats an hour (here), hold the danger
 * priority with one waiting chat, try three wrong resume codes a minute. The test client is the trusted proxy, so each
 * test's visitors come from addresses of their own (X-Forwarded-For).
 */
@ExtendWith(CountingHour.class)
class AbuseVisitorIT {
    private static final int CHATS_PER_HOUR = 3;
    private static final int CODE_FAILURES = 3;
    private static final int CHATS_PER_NETWORK = 5;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.supervisor("abuse.sam"),
                TestConfig.counsellor("abuse.amina", 50));
        return ConfigBuilder.from(base).abuse(new AbuseSettings(CHATS_PER_HOUR, CHATS_PER_NETWORK, 1000,
                        Duration.ofHours(1)))
                .visitor(new VisitorSettings(Duration.ofMinutes(5), base.visitor().quickExitUrl(), CODE_FAILURES))
                .build();
    }

    private static JsonObject start(TestSocket socket, JsonObject triage) {
        socket.send(new JsonObject().put("type", "start").put("triage", triage));
        return socket.take(frame -> "started".equals(frame.getString("type"))
                || "error".equals(frame.getString("type")), "started or an error");
    }

    private static String field(String conversation, String name) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", name));
    }

    private TestSocket supervisor() {
        return supervisor(helpline.login(1, "abuse.sam", TestConfig.PASSWORD));
    }

    private TestSocket supervisor(String token) {
        TestSocket socket = helpline.socket(1, "/ws/supervisor");
        socket.send(new JsonObject().put("type", "auth").put("token", token));
        socket.next("welcome");
        return socket;
    }

    @Test
    void aFloodFromOneClientIsRefusedOnEveryNodeWithTheLinesOpenNowWhileOthersStart() {
        for (int i = 0; i < CHATS_PER_HOUR; i++) {
            JsonObject started = start(helpline.visitorFrom(i % 2, "198.51.100.10"), new JsonObject());
            assertEquals("started", started.getString("type"), started.encode());
        }
        for (int node = 0; node < 2; node++) {
            TestSocket refused = helpline.visitorFrom(node, "198.51.100.10");
            JsonObject error = start(refused, new JsonObject().put("topic", "shelter"));
            assertEquals("error", error.getString("type"));
            assertEquals("chat_unavailable", error.getString("code"));
            assertEquals("start", error.getString("ref"));
            JsonObject alternatives = refused.next("alternatives");
            assertEquals("unavailable", alternatives.getString("reason"));
            assertFalse(alternatives.getJsonArray("emergency").isEmpty(), "the emergency numbers are shown");
            assertFalse(refused.isClosed(), "the page stays connected");
        }
        assertEquals("started", start(helpline.visitorFrom(0, "198.51.100.11"), new JsonObject())
                .getString("type"), "another client starts");
        assertEquals("chat_unavailable", start(helpline.visitorFrom(1, "203.0.113.5, 198.51.100.10"),
                new JsonObject()).getString("code"), "an address the client wrote itself does not make it another");
    }

    /**
     * A script that keeps its chats open cannot add its hour's chats to the queue hour after hour: a client key has
     * at most its hour's chats waiting at once, counted on every node, refused the same way beyond (the lines and the
     * emergency numbers shown); a chat of the key that ends makes room.
     */
    @Test
    void aClientHasNoMoreChatsWaitingAtOnceThanItsHoursChats() {
        List<TestSocket> waiting = new ArrayList<>();
        try {
            chatsWaitingAtOnce(waiting);
        } finally {
            waiting.forEach(AbuseVisitorIT::end); // nothing left waiting for the class's other tests
        }
    }

    private static void chatsWaitingAtOnce(List<TestSocket> waiting) {
        String conversation = null;
        for (int i = 0; i < CHATS_PER_HOUR; i++) {
            TestSocket socket = helpline.visitorFrom(i % 2, "198.51.100.40");
            JsonObject started = start(socket, new JsonObject());
            assertEquals("started", started.getString("type"), started.encode());
            conversation = started.getString("conversation");
            waiting.add(socket);
        }
        String last = conversation;
        assertEquals("waiting", field(last, "status"));
        String key = helpline.<String>inRedis(redis -> redis.get(Keys.conversationClient(last))).split("/")[0];
        helpline.inRedis(redis -> redis.del(Keys.client(key, "chats"))); // the next hour: its chats counted afresh

        TestSocket refused = helpline.visitorFrom(1, "198.51.100.40");
        assertEquals("chat_unavailable", start(refused, new JsonObject()).getString("code"));
        assertFalse(refused.next("alternatives").getJsonArray("emergency").isEmpty(), "the numbers are shown");
        TestSocket another = helpline.visitorFrom(0, "198.51.100.41");
        assertEquals("started", start(another, new JsonObject()).getString("type"), "another client starts");
        waiting.add(another);

        end(waiting.remove(0)); // one of the three
        TestSocket more = helpline.visitorFrom(0, "198.51.100.40");
        assertEquals("started", start(more, new JsonObject()).getString("type"),
                "one of its chats ended: room for one more");
        waiting.add(more);
        assertEquals("chat_unavailable", start(helpline.visitorFrom(1, "198.51.100.40"), new JsonObject())
                .getString("code"), "and no more");
    }

    private static void end(TestSocket visitor) {
        if (!visitor.isClosed()) {
            visitor.send(new JsonObject().put("type", "end"));
            visitor.next("ended");
        }
    }

    /**
     * One holder of an IPv6 /48 (a tunnel broker gives one away to anyone) has 65,536 /64s, each a client of its own:
     * beyond the network's chats of the hour, its chats still start (a carrier's /48 holds thousands of subscribers,
     * whom one of them must not shut out) but queue behind, without the danger priority; the next /48 is someone
     * else. The danger button pressed later does not raise such a chat either.
     */
    @Test
    void beyondItsHourTheChatsOfASlash48QueueBehindWithoutTheDangerPriority() {
        JsonObject inDanger = new JsonObject().put("inDanger", true);
        for (int i = 0; i < CHATS_PER_NETWORK; i++) {
            JsonObject started = start(helpline.visitorFrom(i % 2, "2001:db8:48:" + i + "::1"), inDanger);
            assertEquals("1", field(started.getString("conversation"), "danger"), "each /64 a client of its own");
            assertTrue(started.getBoolean("alerted"), "said in danger: the supervisors were alerted");
        }
        JsonObject beyond = start(helpline.visitorFrom(1, "[2001:db8:48:ffff:1234::9]:443"), inDanger);
        assertEquals("started", beyond.getString("type"), "not refused");
        assertFalse(beyond.getBoolean("alerted"), "her page must not tell her an alert went out");
        String behind = beyond.getString("conversation");
        assertEquals(List.of("0", "1"), List.of(field(behind, "danger"), field(behind, "dangerSaid")));
        JsonObject later = start(helpline.visitorFrom(0, "2001:db8:49::1"), new JsonObject());
        assertEquals("started", later.getString("type"), "the next /48 starts as usual");
        assertTrue(queueScore(behind) > queueScore(later.getString("conversation")),
                "behind a chat that came after it");

        // nor does "in danger now" pressed afterwards buy a chat started behind the priority: the numbers only
        TestSocket pressing = helpline.visitorFrom(0, "2001:db8:48:fffe::7");
        String calm = start(pressing, new JsonObject()).getString("conversation");
        pressing.send(new JsonObject().put("type", "danger"));
        JsonObject numbers = pressing.take(f -> "alternatives".equals(f.getString("type"))
                && "danger".equals(f.getString("reason")), "the emergency numbers all the same");
        assertFalse(numbers.getJsonArray("emergency").isEmpty());
        assertFalse(numbers.getBoolean("alerted"), "and no word of an alert");
        assertEquals("0", field(calm, "danger"), "no priority");
        assertTrue(queueScore(calm) > queueScore(later.getString("conversation")), "still behind");

        // four times its hour's chats (7 so far), the network is refused like a client over its own: behind or not,
        // its chats would use up the node's starts of the minute and so refuse everyone else's
        for (int i = 7; i < 4 * CHATS_PER_NETWORK; i++) {
            JsonObject behindAgain = start(helpline.visitorFrom(i % 2, "2001:db8:48:a" + i + "::1"), new JsonObject());
            assertEquals("started", behindAgain.getString("type"), behindAgain.encode());
        }
        TestSocket refused = helpline.visitorFrom(0, "2001:db8:48:beef::1");
        assertEquals("chat_unavailable", start(refused, new JsonObject()).getString("code"));
        assertFalse(refused.next("alternatives").getJsonArray("emergency").isEmpty(), "the numbers all the same");
        assertEquals("started", start(helpline.visitorFrom(1, "2001:db8:4a::1"), new JsonObject()).getString("type"),
                "another network starts");
    }

    /**
     * A visitor in danger who left (quick exit) holds the priority for nobody: the next chat of her network in danger
     * gets it at once. Back while that one still waits, hers waits its turn (its place before danger) and is raised
     * once the other is no longer waiting: one priority of a network at a time, exits and returns or not.
     */
    @Test
    void aVisitorInDangerWhoLeftHoldsThePriorityForNobodyAndReturnsToWaitHerTurn() {
        JsonObject inDanger = new JsonObject().put("inDanger", true);
        TestSocket leaving = helpline.visitorFrom(0, "192.0.2.91");
        JsonObject first = start(leaving, inDanger);
        String left = first.getString("conversation");
        assertEquals("1", field(left, "danger"));
        leaving.send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        Waits.until(() -> "quick_exit".equals(field(left, "visitorAway")), 10, "her chat held, she is away");

        TestSocket staying = helpline.visitorFrom(1, "192.0.2.91");
        String next = start(staying, inDanger).getString("conversation");
        assertEquals("1", field(next, "danger"), "the priority at once: the chat that held it was left");
        assertEquals(List.of(), loggedAlerts(next), "no new alert: the alert of the chat that was left counts it");
        assertEquals(2L, loggedAlerts(left).get(loggedAlerts(left).size() - 1).getLong("count"));

        TestSocket back = helpline.visitorFrom(0, "192.0.2.91"); // with her code: a quick exit retired the secret
        back.send(new JsonObject().put("type", "resume").put("code", first.getString("resumeCode")));
        back.next("resumed");
        assertEquals("0", field(left, "danger"), "back while another holds it: she waits her turn");
        assertTrue(queueScore(left) > queueScore(next), "behind the chat holding the priority");

        staying.send(new JsonObject().put("type", "end"));
        staying.next("ended");
        double waitingHerTurn = queueScore(left);
        Waits.until(() -> "1".equals(field(left, "danger")), 10, "raised in her turn");
        assertTrue(queueScore(left) < waitingHerTurn, "ahead again");
        back.send(new JsonObject().put("type", "end"));
        back.next("ended");
    }

    /**
     * Two chats of one client passing the priority to and fro by leaving and coming back (a script can, 30 times a
     * minute): each is raised in its turn, and no turn alerts supervisors (the first chat's alert counted the second).
     */
    @Test
    void twoChatsPassingThePriorityToAndFroRaiseNoNewAlert() {
        JsonObject inDanger = new JsonObject().put("inDanger", true);
        TestSocket firstSocket = helpline.visitorFrom(0, "192.0.2.93");
        JsonObject first = start(firstSocket, inDanger);
        TestSocket secondSocket = helpline.visitorFrom(1, "192.0.2.93");
        JsonObject second = start(secondSocket, inDanger);
        String a = first.getString("conversation");
        String b = second.getString("conversation");
        assertEquals(List.of("1", "0"), List.of(field(a, "danger"), field(b, "danger")));
        for (int turn = 0; turn < 2; turn++) {
            firstSocket = leaveAndComeBack(firstSocket, first, b);
            assertEquals("0", field(a, "danger"), "back while the other holds it");
            secondSocket = leaveAndComeBack(secondSocket, second, a);
            assertEquals("0", field(b, "danger"));
        }
        assertEquals(List.of(), loggedAlerts(b), "B raised in its turn each time A was left: counted in A's alert");
        firstSocket.send(new JsonObject().put("type", "end"));
        secondSocket.send(new JsonObject().put("type", "end"));
    }

    /** The supervisors' alerts kept in the alert log about this chat, oldest first. */
    private static List<JsonObject> loggedAlerts(String conversation) {
        return helpline.inRedis(redis -> redis.xrange(Keys.SUPERVISORS_ALERT_LOG, Range.create("-", "+"))).stream()
                .map(entry -> new JsonObject(entry.getBody().get("a")))
                .filter(alert -> conversation.equals(alert.getString("conversation"))).toList();
    }

    /**
     * The visitor of {@code started} leaves; once {@code other} has the priority, she comes back with her code (a quick
     * exit retired the secret): her new socket.
     */
    private static TestSocket leaveAndComeBack(TestSocket socket, JsonObject started, String other) {
        socket.send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        Waits.until(() -> "1".equals(field(other, "danger")), 10, "the other chat raised in its turn");
        TestSocket back = helpline.visitorFrom(0, "192.0.2.93");
        back.send(new JsonObject().put("type", "resume").put("code", started.getString("resumeCode")));
        back.next("resumed");
        return back;
    }

    @Test
    void aDangerFloodGivesOneChatTheDangerPriorityAndSupervisorsOneAlertWithACount() {
        TestSocket supervisor = supervisor();
        JsonObject inDanger = new JsonObject().put("inDanger", true);
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < CHATS_PER_HOUR; i++) {
            conversations.add(start(helpline.visitorFrom(i % 2, "192.0.2.77"), inDanger).getString("conversation"));
        }
        String first = conversations.get(0);
        List<JsonObject> alerts = supervisor.take("alert", CHATS_PER_HOUR);
        for (int i = 0; i < alerts.size(); i++) {
            JsonObject alert = alerts.get(i);
            assertEquals("danger", alert.getString("kind"));
            assertEquals(first, alert.getString("conversation"), "every alert is the first chat's");
            assertEquals("", alert.getString("association"), "waiting: no association yet");
            assertEquals(i == 0 ? null : Long.valueOf(i + 1), alert.getLong("count"));
        }
        assertEquals("1", field(first, "danger"));
        double firstScore = queueScore(first);
        for (String later : conversations.subList(1, conversations.size())) {
            assertEquals("0", field(later, "danger"), "queued as normal");
            assertEquals("1", field(later, "dangerSaid"), "said all the same: counted in the statistics");
            assertTrue(queueScore(later) > firstScore, "behind the first");
        }

        TestSocket otherClient = helpline.visitorFrom(0, "192.0.2.78");
        String elsewhere = start(otherClient, inDanger).getString("conversation");
        assertEquals(elsewhere, supervisor.next("alert").getString("conversation"), "another client's own alert");
        assertEquals("1", field(elsewhere, "danger"));
    }

    @Test
    void pressingDangerInAFurtherChatOfTheSameClientRaisesNothing() {
        TestSocket supervisor = supervisor();
        String first = start(helpline.visitorFrom(0, "192.0.2.90"), new JsonObject().put("inDanger", true))
                .getString("conversation");
        assertEquals(first, supervisor.next("alert").getString("conversation"));
        for (String claims : List.of(field(first, "dangerChats"), field(first, "dangerCounts"))) {
            long ttl = helpline.inRedis(redis -> redis.ttl(claims));
            assertTrue(ttl > Duration.ofHours(1).toSeconds() && ttl <= Duration.ofHours(25).toSeconds(), claims
                    + " kept the key's day (a lone chat in danger may wait the night), not for ever: " + ttl);
        }
        String dangerChats = field(first, "dangerChats");
        TestSocket second = helpline.visitorFrom(1, "192.0.2.90");
        String conversation = start(second, new JsonObject()).getString("conversation");
        second.send(new JsonObject().put("type", "danger"));
        assertEquals("danger", second.take(frame -> "alternatives".equals(frame.getString("type"))
                && "danger".equals(frame.getString("reason")), "the emergency numbers").getString("reason"));
        JsonObject grouped = supervisor.next("alert");
        assertEquals(first, grouped.getString("conversation"));
        assertEquals(2, grouped.getLong("count"));
        assertNull(field(conversation, "dangerAt"), "not raised");
        assertEquals("0", field(conversation, "danger"));

        long saidBefore = inDangerCounted();
        assertNotNull(field(conversation, "dangerChats"), "where its claim is kept, while it waits");
        second.send(new JsonObject().put("type", "end"));
        second.next("ended");
        assertNull(field(conversation, "dangerChats"), "key names that hold the client key go with the end");
        assertNull(helpline.inRedis(redis -> redis.zscore(dangerChats, conversation)), "its claim too");
        assertNull(field(conversation, "dangerCounts"));
        assertEquals(saidBefore + 1, inDangerCounted(), "the observatory counts the chat in danger");
    }

    @Test
    void theDangerButtonPressedAgainAndAgainAlertsOnceAndCountsOnce() {
        TestSocket supervisor = supervisor();
        TestSocket visitor = helpline.visitorFrom(0, "192.0.2.101");
        String conversation = start(visitor, new JsonObject()).getString("conversation");
        TestSocket sameClient = helpline.visitorFrom(1, "192.0.2.101");
        JsonObject second = start(sameClient, new JsonObject());
        assertNull(second.getValue("alerted"), "said only of a start in danger");
        visitor.send(new JsonObject().put("type", "danger"));
        assertTrue(visitor.take(f -> "alternatives".equals(f.getString("type"))
                && "danger".equals(f.getString("reason")), "the answer").getBoolean("alerted"));
        JsonObject own = supervisor.next("alert");
        assertEquals(conversation, own.getString("conversation"));
        assertNull(own.getLong("count"), "the chat's own alert");
        for (int press = 0; press < 8; press++) {
            visitor.send(new JsonObject().put("type", "danger"));
            sameClient.send(new JsonObject().put("type", "danger"));
            TestSocket.sleep(Duration.ofMillis(250)); // under the frame rate: every press is handled
        }
        for (TestSocket pressing : List.of(visitor, sameClient)) {
            for (int press = 0; press < 8; press++) { // the first press of the visitor was taken above
                pressing.take(frame -> "alternatives".equals(frame.getString("type"))
                        && "danger".equals(frame.getString("reason")), "every press answered with the numbers");
            }
        }
        List<JsonObject> alerts = supervisor.all("alert", Duration.ofMillis(500));
        assertEquals(1, alerts.size(), "the other chat's presses counted once, nothing more: " + alerts);
        assertEquals(conversation, alerts.get(0).getString("conversation"));
        assertEquals(2, alerts.get(0).getLong("count"));

        // a chat started in danger and pressed at once: its start was the alert
        TestSocket startedInDanger = helpline.visitorFrom(0, "192.0.2.102");
        String inDanger = start(startedInDanger, new JsonObject().put("inDanger", true)).getString("conversation");
        supervisor.take(frame -> "alert".equals(frame.getString("type"))
                && inDanger.equals(frame.getString("conversation")), "the start's alert");
        startedInDanger.send(new JsonObject().put("type", "danger"));
        startedInDanger.take(frame -> "alternatives".equals(frame.getString("type"))
                && "danger".equals(frame.getString("reason")), "the numbers");
        assertTrue(supervisor.all("alert", Duration.ofMillis(500)).stream()
                .noneMatch(alert -> inDanger.equals(alert.getString("conversation"))), "no second alert");
    }

    @Test
    void aGroupedChatInDangerIsRaisedInItsTurnWhenTheOneAheadNoLongerWaits() {
        TestSocket supervisor = supervisor();
        JsonObject inDanger = new JsonObject().put("inDanger", true);
        String normal = start(helpline.visitorFrom(1, "192.0.2.96"), new JsonObject()).getString("conversation");
        TestSocket firstVisitor = helpline.visitorFrom(0, "192.0.2.95");
        String first = start(firstVisitor, inDanger).getString("conversation");
        assertEquals(first, supervisor.next("alert").getString("conversation"));
        TestSocket secondVisitor = helpline.visitorFrom(1, "192.0.2.95");
        String second = start(secondVisitor, inDanger).getString("conversation");
        String third = start(helpline.visitorFrom(0, "192.0.2.95"), inDanger).getString("conversation");
        for (JsonObject grouped : supervisor.take("alert", 2)) {
            assertEquals(first, grouped.getString("conversation"), "the first chat's alert, with its count");
        }
        assertTrue(queueScore(second) > queueScore(normal), "grouped: behind the chat that came before it");

        firstVisitor.send(new JsonObject().put("type", "end"));
        firstVisitor.next("ended");
        JsonObject raised = supervisor.next("alert");
        assertEquals(second, raised.getString("conversation"), "the next in danger, in the order they said it");
        assertEquals("danger", raised.getString("kind"));
        assertEquals("waiting", raised.getString("status"));
        assertNull(raised.getLong("count"), "an alert of its own, with its sound");
        assertEquals("1", field(second, "danger"));
        assertTrue(queueScore(second) < queueScore(normal), "now before every chat not in danger");
        assertEquals("0", field(third, "danger"), "still one waiting chat of a client at a time");

        secondVisitor.send(new JsonObject().put("type", "end"));
        secondVisitor.next("ended");
        assertEquals(third, supervisor.next("alert").getString("conversation"), "then the third");
        assertEquals("1", field(third, "danger"));
    }

    @Test
    void chatsInDangerStartedTogetherOnTwoNodesGetThePriorityOneAtATime() {
        TestSocket supervisor = supervisor();
        List<TestSocket> visitors = new ArrayList<>();
        for (int i = 0; i < CHATS_PER_HOUR; i++) {
            TestSocket visitor = helpline.visitorFrom(i % 2, "192.0.2.97");
            visitor.send(new JsonObject().put("type", "start").put("triage", new JsonObject().put("inDanger", true)));
            visitors.add(visitor);
        }
        List<String> conversations = new ArrayList<>();
        for (TestSocket visitor : visitors) {
            conversations.add(visitor.next("started").getString("conversation"));
        }
        supervisor.take("alert", CHATS_PER_HOUR);
        for (int turn = 0; turn < CHATS_PER_HOUR; turn++) {
            List<String> raised = conversations.stream().filter(id -> "1".equals(field(id, "danger"))).toList();
            assertEquals(1, raised.size(), "one waiting chat of the client has the priority: " + raised);
            TestSocket holder = visitors.get(conversations.indexOf(raised.get(0)));
            visitors.remove(holder);
            conversations.remove(raised.get(0));
            holder.send(new JsonObject().put("type", "end"));
            holder.next("ended");
            if (!conversations.isEmpty()) {
                assertTrue(conversations.contains(supervisor.next("alert").getString("conversation")),
                        "the next one raised");
            }
        }
    }

    private static double queueScore(String conversation) {
        return helpline.inRedis(redis -> redis.zscore("hl:queue", conversation));
    }

    /** Today's count of ended chats whose visitor said she was in danger, unanswered ones. */
    private static long inDangerCounted() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return Long.parseLong(Optional.ofNullable(helpline.inRedis(redis -> redis.hget("hl:stats:day:" + today,
                "-|inDanger.yes"))).orElse("0"));
    }

    @Test
    void wrongResumeCodesCountPerClientSoOneGuesserLocksOutOnlyItself() {
        String code = start(helpline.visitorFrom(0, "198.51.100.200"), new JsonObject()).getString("resumeCode");
        TestSocket guesser = helpline.visitorFrom(0, "203.0.113.66");
        for (int i = 0; i < CODE_FAILURES; i++) {
            guesser.send(new JsonObject().put("type", "resume").put("code", "AAAA-AAAA-AAAA"));
            assertEquals("not_found", guesser.error("not_found").getString("code"));
        }
        TestSocket sameClient = helpline.visitorFrom(1, "203.0.113.66");
        sameClient.send(new JsonObject().put("type", "resume").put("code", code));
        assertEquals("resume", sameClient.error("rate_limited").getString("ref"), "even a right code, on any node");

        TestSocket owner = helpline.visitorFrom(1, "198.51.100.201");
        owner.send(new JsonObject().put("type", "resume").put("code", code));
        assertEquals("waiting", owner.next("resumed").getString("status"), "another client is not locked out");
    }

    @Test
    void aRefusedVisitorSeesTheLinesOpenNowAndAnHonestMessageNeverThatTheyWereCounted() {
        // the browser connects from 127.0.0.1 without a forwarded address: that client's hour is used up first
        for (int i = 0; i < CHATS_PER_HOUR; i++) {
            start(helpline.visitorFrom(0, "127.0.0.1"), new JsonObject());
        }
        try (Browser visitor = Browser.open(390, 844)) {
            visitor.get("http://127.0.0.1:" + helpline.port(0) + "/?lang=en");
            visitor.click(By.id("start"));
            visitor.textAppears(By.id("alt-reason"), "A chat cannot start from here right now");
            assertFalse(visitor.find(By.id("alt-lines")).findElements(By.tagName("li")).isEmpty(), "lines listed");
            visitor.textAppears(By.id("notice"), "Please call one of the lines below, or try again later.");
            String page = visitor.find(By.tagName("body")).getText().toLowerCase(Locale.ROOT);
            for (String told : List.of("block", "limit", "too many", "detected", "refused")) {
                assertFalse(page.contains(told), "the page does not say '" + told + "'");
            }
            assertTrue(visitor.find(By.id("start-form")).isDisplayed(), "the form stays, to try again later");
        }
    }

    @Test
    void aChatEndedAsAbusiveBlocksItsClientOnEveryNodeUntilASupervisorLiftsIt() {
        // capacity 50: the chats other tests left waiting do not keep this one from the counsellor
        TestSocket console = helpline.availableConsole(0, "abuse.amina", TestConfig.PASSWORD);
        TestSocket visitor = helpline.visitorFrom(1, "198.51.100.66");
        String conversation = start(visitor, new JsonObject()).getString("conversation");
        console.take(frame -> "assigned".equals(frame.getString("type"))
                && conversation.equals(frame.getString("conversation")), "the chat assigned");
        String token = helpline.login(1, "abuse.sam", TestConfig.PASSWORD);
        TestSocket supervisor = supervisor(token);

        console.send(new JsonObject().put("type", "end").put("conversation", conversation).put("abusive", true));
        assertEquals("counsellor", visitor.next("ended").getString("by"), "an ordinary end for the visitor");
        JsonObject result = console.next("block_result");
        assertEquals("blocked", result.getString("outcome"), "the counsellor is told the block was made: " + result);
        assertEquals(conversation, result.getString("conversation"));
        assertTrue(result.getLong("until") > System.currentTimeMillis());
        JsonObject alert = supervisor.take(frame -> "alert".equals(frame.getString("type"))
                && "block".equals(frame.getString("kind")), "the block alert");
        assertEquals(conversation, alert.getString("conversation"));

        TestSocket again = helpline.visitorFrom(0, "198.51.100.66");
        JsonObject refused = start(again, new JsonObject());
        assertEquals("chat_unavailable", refused.getString("code"), "the same answer as any refusal");
        assertEquals(ProtocolError.CHAT_UNAVAILABLE.defaultMessage(), refused.getString("message"));
        assertEquals("unavailable", again.next("alternatives").getString("reason"));
        assertEquals("started", start(helpline.visitorFrom(0, "198.51.100.67"), new JsonObject())
                .getString("type"), "another client starts");

        assertEquals(401, helpline.get(0, "/api/supervisor/blocks").statusCode());
        String counsellorToken = helpline.login(0, "abuse.amina", TestConfig.PASSWORD);
        assertEquals(403, helpline.withToken(0, counsellorToken, "/api/supervisor/blocks", null).statusCode());
        HttpResponse<String> listed = helpline.withToken(0, token, "/api/supervisor/blocks", null);
        assertEquals(200, listed.statusCode());
        JsonObject block = new JsonObject(listed.body()).getJsonArray("blocks").getJsonObject(0);
        assertEquals(conversation, block.getString("conversation"));
        assertEquals("Counsellor abuse.amina", block.getString("counsellor"));
        long hours = (block.getLong("until") - block.getLong("at")) / 3_600_000;
        assertEquals(1, hours, "abuse.blockHours");
        assertFalse(listed.body().contains("198.51.100"), "no address anywhere");

        HttpResponse<String> lifted = helpline.withToken(0, token, "/api/supervisor/blocks/lift",
                new JsonObject().put("client", block.getString("client")).encode());
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertTrue(new JsonObject(lifted.body()).getBoolean("lifted"));
        assertEquals("started", start(helpline.visitorFrom(1, "198.51.100.66"), new JsonObject())
                .getString("type"), "lifted: it may start again");
        assertEquals(400, helpline.withToken(0, token, "/api/supervisor/blocks/lift", "[1]").statusCode());

        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    /**
     * An abuser who ends the chat first (or whose hold runs out) is blocked by the counsellor who held it, after the
     * end; a chat its visitor deleted has no client left to block, and the counsellor is told so.
     */
    @Test
    void theCounsellorWhoHeldAChatBlocksItsClientAfterTheEndOrIsToldItCannot() {
        TestSocket console = helpline.availableConsole(0, "abuse.amina", TestConfig.PASSWORD);
        TestSocket supervisor = supervisor();
        TestSocket abuser = helpline.visitorFrom(1, "198.51.100.70");
        String left = assignedChat(console, abuser);
        console.send(new JsonObject().put("type", "block").put("conversation", left));
        assertEquals("not_assigned", console.next("error").getString("code"), "during the chat, end as abusive");
        abuser.send(new JsonObject().put("type", "end"));
        console.take(frame -> "ended".equals(frame.getString("type"))
                && left.equals(frame.getString("conversation")), "the abuser ended it");
        console.send(new JsonObject().put("type", "block").put("conversation", left));
        JsonObject blocked = console.next("block_result");
        assertEquals("blocked", blocked.getString("outcome"));
        assertEquals(left, blocked.getString("conversation"));
        assertEquals("block", supervisor.take(frame -> "alert".equals(frame.getString("type"))
                && left.equals(frame.getString("conversation")), "the block alert").getString("kind"));
        assertEquals("chat_unavailable", start(helpline.visitorFrom(0, "198.51.100.70"), new JsonObject())
                .getString("code"), "blocked on every node");

        TestSocket deleting = helpline.visitorFrom(1, "198.51.100.71");
        String deleted = assignedChat(console, deleting);
        deleting.send(new JsonObject().put("type", "forget"));
        console.take(frame -> "ended".equals(frame.getString("type"))
                && deleted.equals(frame.getString("conversation")), "the visitor deleted it");
        console.send(new JsonObject().put("type", "block").put("conversation", deleted));
        JsonObject unknown = console.next("block_result");
        assertEquals("client_unknown", unknown.getString("outcome"), "nothing left to block: " + unknown);
        assertFalse(unknown.containsKey("until"), "no block made: " + unknown);
        assertEquals("started", start(helpline.visitorFrom(0, "198.51.100.71"), new JsonObject()).getString("type"));

        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    private static String assignedChat(TestSocket console, TestSocket visitor) {
        String conversation = start(visitor, new JsonObject()).getString("conversation");
        console.take(frame -> "assigned".equals(frame.getString("type"))
                && conversation.equals(frame.getString("conversation")), "the chat assigned");
        return conversation;
    }
}
