package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.helpline.auth.Digests;
import org.helpline.auth.Passwords;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.config.HelplineConfig;
import org.helpline.config.SessionSettings;
import org.helpline.domain.Assignment;
import org.helpline.domain.Availability;
import org.helpline.domain.ClientKey;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Counsellor;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.Side;
import org.helpline.domain.Triage;
import org.helpline.support.CountingHour;
import org.helpline.support.SettableClock;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stores and their Lua transitions against a real redis-server. */
class StoresIT {
    /** Short, so that the expiry test waits half a second (the store counts it in milliseconds). */
    private static final Duration SESSION_IDLE = Duration.ofMillis(500);
    /** Escalations made in no chat (the record alone is tested): their summary is kept nowhere. */
    private static final EscalationSummary NO_CHAT = new EscalationSummary("no-such-chat", "nobody",
            new JsonObject());
    private static StoreFixture fixture;
    private static RedisConnections connections;
    private static Vertx vertx;
    private static ConversationStore conversations;
    private static CounsellorStore counsellors;
    private static QueueStore queue;
    private static SessionStore sessions;
    private static HelplineConfig config;
    private static RedisBridge bridge;
    private static VisitorStore visitors;
    private static EventChannels events;
    private static Context context;

    @BeforeAll
    static void start() {
        fixture = new StoreFixture(SESSION_IDLE);
        vertx = fixture.vertx;
        config = fixture.config;
        connections = fixture.connections;
        bridge = fixture.bridge;
        conversations = fixture.conversations;
        counsellors = fixture.counsellors;
        queue = fixture.queue;
        sessions = fixture.sessions;
        visitors = fixture.visitors;
        events = fixture.events;
        context = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static <T> T await(Future<T> future) {
        return StoreFixture.await(future);
    }

    private static Future<ClaimOutcome.Result> claimLater(String conversation, String counsellor) {
        return queue.claim(new Assignment(conversation, counsellor), RoutingMode.DIRECT).map(ClaimOutcome::result);
    }

    private static ClaimOutcome.Result claim(String conversation, String counsellor) {
        return await(claimLater(conversation, counsellor));
    }

    private static Triage triage(boolean danger) {
        return StoreFixture.triage(danger);
    }

    private static Counsellor online(String id, int capacity) {
        return fixture.online(id, capacity);
    }

    @Test
    void createdConversationsWaitInDangerThenArrivalOrder() {
        fixture.start("s-calm", triage(false));
        fixture.start("s-danger", triage(true));
        List<String> head = await(queue.head(10)).stream().map(w -> w.id()).toList();
        assertTrue(head.indexOf("s-danger") < head.indexOf("s-calm"), head.toString());
        ConversationRecord record = await(conversations.find("s-calm")).orElseThrow();
        assertEquals(ConversationStatus.WAITING, record.status());
        assertEquals(triage(false), record.triage());
        assertEquals(Digests.sha256("s-calm"), record.secretDigest());
        await(conversations.endByVisitor("s-calm", false));
        await(conversations.endByVisitor("s-danger", false));
    }

    /**
     * One script admits, claims and creates: a start refused by its client key's hour, or drawn with an id or a resume
     * code in use, writes nothing and counts nothing; a second start in danger of the same key is grouped under the
     * first and queues as normal, remembering that she said it. The start script alerts the supervisors itself: the
     * first chat's alert, then the same alert again with its count.
     */
    /**
     * A chat nobody answered counts as left after an alternative when lines open for her need were shown with its
     * start, and as unanswered without one when none was open (only the emergency numbers).
     */
    @Test
    void aChatLeftUnansweredCountsTheLinesItWasShown() {
        ClientKey client = new ClientKey(Secrets.random(16), LocalDate.now(ZoneOffset.UTC));
        await(fixture.starts.start(new ChatStart("s-lines-1", triage(false), Optional.empty(), "d1", client, 9, 9),
                "code-lines-1"));
        await(fixture.starts.start(new ChatStart("s-lines-2", triage(false), Optional.empty(), "d2", client, 9, 9,
                false), "code-lines-2"));
        await(conversations.endByVisitor("s-lines-1", false));
        await(conversations.endByVisitor("s-lines-2", false));
        assertEquals("left_after_alternative",
                connections.commands().sync().hget(Keys.conversation("s-lines-1"), "outcome"));
        assertEquals("left_without_alternative",
                connections.commands().sync().hget(Keys.conversation("s-lines-2"), "outcome"));
    }

    /**
     * A chat whose start was shown only the emergency numbers records the first line of the directory shown to it
     * later (one that opened while she waited), once, and only while it is open; a chat shown lines with its start
     * keeps that time. Left unanswered, it then counts as left after an alternative.
     */
    @Test
    void aLineShownAfterTheStartIsRecordedOnceWhileTheChatIsOpen() {
        ClientKey client = new ClientKey(Secrets.random(16), LocalDate.now(ZoneOffset.UTC));
        await(fixture.starts.start(new ChatStart("s-later-1", triage(false), Optional.empty(), "d1", client, 9, 9,
                false), "code-later-1"));
        await(fixture.starts.start(new ChatStart("s-later-2", triage(false), Optional.empty(), "d2", client, 9, 9),
                "code-later-2"));
        await(fixture.starts.start(new ChatStart("s-later-3", triage(false), Optional.empty(), "d3", client, 9, 9,
                false), "code-later-3"));
        Function<String, String> shownAt = id -> connections.commands().sync().hget(Keys.conversation(id),
                "alternativesAt");
        String atStart = shownAt.apply("s-later-2");
        assertFalse(atStart.isEmpty(), "shown lines with its start");
        assertEquals(0, await(conversations.find("s-later-1")).orElseThrow().alternativesAt());

        assertTrue(await(conversations.linesShown("s-later-1")));
        String recorded = shownAt.apply("s-later-1");
        assertFalse(recorded.isEmpty());
        assertEquals(Long.parseLong(recorded), await(conversations.find("s-later-1")).orElseThrow().alternativesAt());
        assertFalse(await(conversations.linesShown("s-later-1")), "recorded once");
        assertEquals(recorded, shownAt.apply("s-later-1"));
        assertFalse(await(conversations.linesShown("s-later-2")));
        assertEquals(atStart, shownAt.apply("s-later-2"), "the start's time kept");

        await(conversations.endByVisitor("s-later-3", false));
        assertFalse(await(conversations.linesShown("s-later-3")), "an ended chat is not written");
        assertEquals("", shownAt.apply("s-later-3"));
        assertFalse(await(conversations.linesShown("s-later-gone")));
        assertEquals(0L, connections.commands().sync().exists(Keys.conversation("s-later-gone")),
                "a chat gone is not created again");

        await(conversations.endByVisitor("s-later-1", false));
        await(conversations.endByVisitor("s-later-2", false));
        assertEquals("left_after_alternative",
                connections.commands().sync().hget(Keys.conversation("s-later-1"), "outcome"));
        assertEquals("left_after_alternative",
                connections.commands().sync().hget(Keys.conversation("s-later-2"), "outcome"));
        assertEquals("left_without_alternative",
                connections.commands().sync().hget(Keys.conversation("s-later-3"), "outcome"));
    }

    @Test
    @ExtendWith(CountingHour.class) // the client's hour is used up below
    void aStartIsAdmittedClaimedAndCreatedAtOnceAndARefusalWritesNothing() {
        Queue<JsonObject> alerts = new ConcurrentLinkedQueue<>();
        Promise<EventChannels.Subscription> listening = Promise.promise();
        context.runOnContext(ignored -> events.subscribe(Keys.SUPERVISORS_CHANNEL, alert -> alerts.add(
                new JsonObject(LoggedAlert.published(alert).alert())), () -> { }).onComplete(listening));
        await(listening.future());
        ClientKey client = new ClientKey(Secrets.random(16), LocalDate.now(ZoneOffset.UTC));
        Function<String, ChatStart> start = id -> new ChatStart(id, triage(true), Optional.empty(), "digest", client,
                2, 2);
        StartOutcome first = await(fixture.starts.start(start.apply("s-start-1"), "code-in-use"));
        assertEquals(new StartOutcome.Started(Optional.of(new DangerClaim.Granted())), first);
        Map<String, String> created = connections.commands().sync().hgetall(Keys.conversation("s-start-1"));
        assertEquals(List.of(ResumeCode.digest("code-in-use"), "code-in-use"), List.of(created.get("resumeCode"),
                created.get("resumeCodeSealed")), "the code's digest, and the code sealed (clear without data keys)");
        assertEquals("s-start-1", connections.commands().sync().get(Keys.resumeCode(ResumeCode.digest("code-in-use"))),
                "the code leads to its chat");
        assertEquals(Optional.of("code-in-use"), await(conversations.find("s-start-1")).orElseThrow().resumeCode());

        assertEquals(first, await(fixture.starts.start(start.apply("s-start-1"), "code-in-use")),
                "the same start run again (a reply lost, the command sent again): answered as it was");
        assertEquals("1", connections.commands().sync().get(Keys.client(client, "chats")), "and counted once");
        assertEquals(0, connections.commands().sync().pexpiretime(Keys.client(client, "chats"))
                % ChatStartStore.HOUR.toMillis(), "the count ends with the clock's hour: not when she started");
        assertEquals(StartOutcome.NotStarted.ID_TAKEN, await(fixture.starts.start(new ChatStart("s-start-1",
                triage(true), Optional.empty(), "another digest", client, 2, 2), "code-x")));
        assertNull(connections.commands().sync().get(Keys.resumeCode(ResumeCode.digest("code-x"))));
        assertEquals(StartOutcome.NotStarted.CODE_TAKEN,
                await(fixture.starts.start(start.apply("s-start-2"), "code-in-use")));
        assertTrue(await(conversations.find("s-start-2")).isEmpty());
        StartOutcome second = await(fixture.starts.start(start.apply("s-start-2"), "code-2"));
        assertEquals(new StartOutcome.Started(Optional.of(new DangerClaim.Grouped("s-start-1", 2))), second,
                "the taken code did not use up one of the key's two chats");
        Map<String, String> grouped = connections.commands().sync().hgetall(Keys.conversation("s-start-2"));
        assertEquals(List.of("0", "1"), List.of(grouped.get("danger"), grouped.get("dangerSaid")));
        Waits.until(() -> alerts.size() >= 2, 10, "two danger alerts");
        listening.future().result().cancel();
        JsonObject own = alerts.poll();
        JsonObject again = alerts.poll();
        assertEquals(List.of("alert", "danger", "s-start-1", "waiting", ""), List.of(own.getString("type"),
                own.getString("kind"), own.getString("conversation"), own.getString("status"),
                own.getString("association")));
        assertNull(own.getLong("count"), "the first chat's own alert");
        assertTrue(own.getLong("at") > 0);
        assertEquals(List.of("danger", "s-start-1", 2L), List.of(again.getString("kind"),
                again.getString("conversation"), again.getLong("count")), "the first chat's alert again, counted");
        List<String> head = await(queue.head(10)).stream().map(w -> w.id()).toList();
        assertTrue(head.indexOf("s-start-1") < head.indexOf("s-start-2"), head.toString());

        assertEquals(StartOutcome.NotStarted.LIMITED, await(fixture.starts.start(start.apply("s-start-3"), "code-3")));
        assertTrue(await(conversations.find("s-start-3")).isEmpty());
        assertNull(connections.commands().sync().get(Keys.resumeCode(ResumeCode.digest("code-3"))));
        assertNull(connections.commands().sync().get(Keys.conversationClient("s-start-3")));
        await(conversations.endByVisitor("s-start-1", false));
        await(conversations.endByVisitor("s-start-2", false));
        assertNull(connections.commands().sync().hget(Keys.conversation("s-start-1"), "resumeCode"),
                "the code's digest leaves the ended chat");
        assertNull(connections.commands().sync().hget(Keys.conversation("s-start-1"), "resumeCodeSealed"),
                "and so does the code");
        assertEquals(Optional.empty(), await(conversations.find("s-start-1")).orElseThrow().resumeCode());
        long linkLeft = connections.commands().sync().pttl(Keys.conversationClient("s-start-1"));
        assertTrue(linkLeft > 0 && linkLeft <= fixture.config.retention().endedConversation().toMillis(),
                "the client key's link kept as the chat, not longer: " + linkLeft);
    }

    /**
     * The clients of one network (an IPv6 /48: one holder may have all its 65,536 /64s) share its hour's chats: beyond
     * them a chat still starts, but queues behind without the danger priority; a client that is its own network (IPv4)
     * is counted once, as a client.
     */
    @Test
    @ExtendWith(CountingHour.class) // the network's hour is used up below
    void beyondItsHourANetworksChatsQueueBehindWithoutThePriority() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String network = Secrets.random(16);
        Function<String, ChatStart> fromItsOwnSlash64 = id -> new ChatStart(id, triage(true), Optional.empty(),
                "digest", new ClientKey(Secrets.random(16), today, network), 20, 2);
        List<String> started = List.of("s-net-1", "s-net-2", "s-net-3", "s-own-1", "s-own-2");
        try {
            for (String id : List.of("s-net-1", "s-net-2")) {
                assertEquals(new StartOutcome.Started(Optional.of(new DangerClaim.Granted())),
                        await(fixture.starts.start(fromItsOwnSlash64.apply(id), "code-" + id)), "a /64 is a client");
            }
            assertEquals(new StartOutcome.Started(Optional.of(new DangerClaim.Behind())),
                    await(fixture.starts.start(fromItsOwnSlash64.apply("s-net-3"), "code-net-3")), "not refused");
            assertEquals(new StartOutcome.Started(Optional.of(new DangerClaim.Behind())),
                    await(fixture.starts.start(fromItsOwnSlash64.apply("s-net-3"), "code-net-3")),
                    "run again (a reply lost): answered as it was, not grouped (her page would say an alert went out)");
            Map<String, String> behind = connections.commands().sync().hgetall(Keys.conversation("s-net-3"));
            assertEquals(List.of("0", "1"), List.of(behind.get("danger"), behind.get("dangerSaid")));
            double normal = Double.parseDouble(connections.commands().sync().hget(Keys.conversation("s-net-2"),
                    "calmScore"));
            assertTrue(Double.parseDouble(behind.get("score")) >= normal + ChatStartStore.BEHIND_BY.toMillis() - 1000,
                    "ten minutes behind its age");

            ClientKey ipv4 = new ClientKey(Secrets.random(16), today);
            for (String id : List.of("s-own-1", "s-own-2")) {
                assertEquals(StartOutcome.Started.class, await(fixture.starts.start(new ChatStart(id, triage(false),
                        Optional.empty(), "digest", ipv4, 2, 1), "code-" + id)).getClass(), "counted once");
            }
            assertEquals(0L, connections.commands().sync().exists(Keys.network(ipv4, "chats")));
        } finally {
            for (String id : started) {
                await(conversations.endByVisitor(id, false));
            }
        }
    }

    /**
     * An escalation's record and its outcome, each run twice (the node's tries after a reply was lost, or the client
     * sending a command again): one entry, one alert, settled once.
     */
    @Test
    void anEscalationRecordedAndSettledTwiceIsKeptOnce() {
        EscalationStore escalations = escalationStore();
        String id = "twice-" + Secrets.random(8);
        JsonObject entry = new JsonObject().put("id", id).put("at", 1L).put("association", "a").put("targetKind",
                "emergency").put("target", "fr-17").put("webhook", "pending");
        JsonObject alert = new JsonObject().put("type", "alert").put("kind", "escalation").put("escalation", id);
        long alerts = connections.commands().sync().xlen(Keys.SUPERVISORS_ALERT_LOG);
        await(escalations.recordPending(entry, alert, Duration.ofSeconds(30), NO_CHAT));
        await(escalations.recordPending(entry, alert, Duration.ofSeconds(30), NO_CHAT));
        assertTrue(await(escalations.settle(entry, "delivered")));
        assertTrue(await(escalations.settle(entry, "delivered")), "settled already: nothing to write again");
        List<String> kept = connections.commands().sync().lrange(Keys.ESCALATIONS, 0, -1).stream()
                .filter(text -> text.contains(id)).toList();
        assertEquals(1, kept.size(), kept.toString());
        assertEquals("delivered", new JsonObject(kept.get(0)).getString("webhook"));
        assertEquals(alerts + 1, connections.commands().sync().xlen(Keys.SUPERVISORS_ALERT_LOG), "one alert");
    }

    /**
     * A webhook that did not reach the receiver alerts the supervisors, once though settled twice; an entry marked
     * unconfirmed first gets that alert alone when it ends so, not a settled one as well; and so does one whose entry
     * was no longer among the newest, recorded again with its outcome.
     */
    @Test
    void anEscalationNotDeliveredAlertsTheSupervisorsOnce() {
        EscalationStore escalations = escalationStore();
        String failed = "failed-" + Secrets.random(8);
        String late = "late-" + Secrets.random(8);
        String pushedOut = "pushed-" + Secrets.random(8);
        recordPending(escalations, failed, late);
        assertTrue(await(escalations.unconfirmed(Deadline.escalation(late))).isPresent());
        String before = await(escalations.newestAlertId());
        assertTrue(await(escalations.settle(escalationEntry(failed), "failed")));
        assertTrue(await(escalations.settle(escalationEntry(failed), "failed")), "settled already: no second alert");
        assertTrue(await(escalations.settle(escalationEntry(late), "dropped")));
        // its entry pushed out of the newest by others while its outcome was delayed: recorded again, alerted all
        // the same
        assertFalse(await(escalations.settle(escalationEntry(pushedOut), "failed")));
        assertTrue(await(escalations.settle(escalationEntry(pushedOut), "failed")), "found now: no second alert");
        assertTrue(connections.commands().sync().lrange(Keys.ESCALATIONS, 0, 0).get(0).contains(pushedOut));
        List<String> told = escalationAlerts(escalations, before, failed, late, pushedOut);
        assertEquals(List.of("escalation_failed " + failed + " failed fr-17",
                "escalation_failed " + late + " dropped fr-17", "escalation_failed " + pushedOut + " failed fr-17"),
                told);
    }

    /**
     * An escalation pushed past the newest 1,000 entries, not out of the record, is found and settled where it is (no
     * second entry); one gone from the record after its deadline fired is recorded again with its outcome and gives
     * {@code escalation_settled}; a deadline that fires for an entry gone from the record (lost in a failover with it)
     * still alerts the supervisors, by its id.
     */
    @Test
    void anEscalationPastTheNewestIsSettledWhereItIsAndOneGoneIsStillTold() {
        EscalationStore escalations = escalationStore();
        String older = "older-" + Secrets.random(8);
        String gone = "gone-" + Secrets.random(8);
        String lost = "lost-" + Secrets.random(8);
        recordPending(escalations, older, gone);
        String[] newer = new String[(int) EscalationStore.SEARCHED];
        for (int i = 0; i < newer.length; i++) {
            newer[i] = escalationEntry("newer-" + i).put("webhook", "delivered").encode();
        }
        connections.commands().sync().lpush(Keys.ESCALATIONS, newer);
        assertTrue(await(escalations.settle(escalationEntry(older), "delivered")), "found past the newest");
        List<String> kept = connections.commands().sync().lrange(Keys.ESCALATIONS, 0, -1).stream()
                .filter(text -> text.contains(older)).toList();
        assertEquals(1, kept.size(), kept.toString());
        assertEquals("delivered", new JsonObject(kept.get(0)).getString("webhook"));

        assertTrue(await(escalations.unconfirmed(Deadline.escalation(gone))).isPresent());
        connections.commands().sync().lrange(Keys.ESCALATIONS, 0, -1).stream().filter(text -> text.contains(gone))
                .forEach(text -> connections.commands().sync().lrem(Keys.ESCALATIONS, 0, text));
        connections.commands().sync().zadd(Keys.DEADLINES, 0, Deadline.escalation(lost).member());
        String before = await(escalations.newestAlertId());
        assertFalse(await(escalations.settle(escalationEntry(gone), "delivered")), "recorded again");
        assertEquals(Optional.of(lost), await(escalations.unconfirmed(Deadline.escalation(lost)))
                .map(marked -> marked.getString("id")));
        List<String> told = escalationAlerts(escalations, before, gone, lost);
        assertEquals(List.of("escalation_settled " + gone + " delivered fr-17",
                "escalation_unconfirmed " + lost + " unconfirmed null"), told);
    }

    private static EscalationStore escalationStore() {
        return new EscalationStore(connections.commands().async(), bridge, new Scripts(connections.lanes(), bridge));
    }

    /** The alerts logged after {@code after} about these escalations: kind, id, webhook outcome and target each. */
    private static List<String> escalationAlerts(EscalationStore escalations, String after, String... ids) {
        return await(escalations.alertsAfter(after)).stream().map(logged -> new JsonObject(logged.alert()))
                .filter(alert -> List.of(ids).contains(alert.getString("escalation")))
                .map(alert -> alert.getString("kind") + " " + alert.getString("escalation") + " "
                        + alert.getString("webhook") + " " + alert.getString("target"))
                .toList();
    }

    /** Records these escalations as just made, their webhooks pending, each with its alert. */
    private static void recordPending(EscalationStore escalations, String... ids) {
        for (String id : ids) {
            await(escalations.recordPending(escalationEntry(id).put("webhook", "pending"),
                    new JsonObject().put("type", "alert").put("kind", "escalation").put("escalation", id),
                    Duration.ofSeconds(30), NO_CHAT));
        }
    }

    /** An escalation's entry as recorded, without its webhook outcome. */
    private static JsonObject escalationEntry(String id) {
        return new JsonObject().put("id", id).put("at", 1L).put("association", "a").put("targetKind", "emergency")
                .put("target", "fr-17");
    }

    @Test
    void aResentClientIdIsStoredOnceAndGetsTheSameSequence() {
        fixture.start("s-dedupe", triage(false));
        AppendResult first = await(conversations.append("s-dedupe", Side.VISITOR, null, "v-1", "hello"));
        AppendResult again = await(conversations.append("s-dedupe", Side.VISITOR, null, "v-1", "hello"));
        AppendResult second = await(conversations.append("s-dedupe", Side.VISITOR, null, "v-2", "still there?"));
        assertEquals(new AppendResult.Stored(1, false), first);
        assertEquals(new AppendResult.Stored(1, true), again);
        assertEquals(new AppendResult.Stored(2, false), second);
        List<JsonObject> log = await(conversations.messagesAfter("s-dedupe", 0, 50));
        assertEquals(2, log.size());
        assertEquals("still there?", await(conversations.messagesAfter("s-dedupe", 1, 50)).get(0).getString("text"));
        assertEquals(List.of(), await(conversations.messagesAfter("s-dedupe", 2, 50)));
        assertEquals(1, await(conversations.messagesAfter("s-dedupe", 0, 1)).size(), "a page of one");
    }

    @Test
    void aCounsellorCanOnlyWriteToTheirOwnConversationAndNobodyAfterTheEnd() {
        online("store-owner", 2);
        online("store-other", 2);
        fixture.start("s-owned", triage(false));
        assertEquals(ClaimOutcome.Result.ASSIGNED, claim("s-owned", "store-owner"));
        assertEquals(new AppendResult.Refused(AppendResult.Refusal.NOT_ASSIGNED),
                await(conversations.append("s-owned", Side.COUNSELLOR, "store-other", "c-1", "hi")));
        assertEquals(new AppendResult.Stored(1, false),
                await(conversations.append("s-owned", Side.COUNSELLOR, "store-owner", "c-1", "hi")));
        assertEquals(EndOutcome.NotEnded.STALE_HOLDER,
                await(conversations.end("s-owned", Side.COUNSELLOR, Optional.of("store-other"))));
        assertEquals(new EndOutcome.Ended(EndOutcome.Ending.ANSWERED),
                await(conversations.end("s-owned", Side.COUNSELLOR, Optional.of("store-owner"))));
        assertEquals(EndOutcome.NotEnded.ALREADY_ENDED, await(conversations.endByVisitor("s-owned", false)));
        assertEquals(new AppendResult.Refused(AppendResult.Refusal.ENDED),
                await(conversations.append("s-owned", Side.VISITOR, null, "v-9", "anyone?")));
        assertEquals(0, await(counsellors.conversations("store-owner")).size());
    }

    @Test
    void theClaimRefusesTakenAwayOfflineAndFull() {
        online("store-full", 1);
        fixture.start("s-one", triage(false));
        fixture.start("s-two", triage(false));
        assertEquals(ClaimOutcome.Result.ASSIGNED, claim("s-one", "store-full"));
        assertEquals(ClaimOutcome.Result.TAKEN, claim("s-one", "store-full"));
        assertEquals(ClaimOutcome.Result.FULL, claim("s-two", "store-full"));

        Counsellor away = online("store-away", 3);
        await(counsellors.setAvailability(away, Availability.AWAY));
        assertEquals(ClaimOutcome.Result.UNAVAILABLE, claim("s-two", "store-away"));

        Counsellor gone = online("store-gone", 3);
        await(counsellors.consoleClosed(gone.id(), "socket-store-gone", Duration.ofSeconds(30)));
        assertEquals(ClaimOutcome.Result.OFFLINE, claim("s-two", "store-gone"));
        assertTrue(await(counsellors.reachable()).stream().noneMatch(c -> c.id().equals("store-gone")));
        await(conversations.endByVisitor("s-one", false));
        await(conversations.endByVisitor("s-two", false));
    }

    /**
     * A counsellor in wrap-up gets no chat from routing, even from a node whose board thinks the wrap-up over (a clock
     * ahead, a marker with no expiry): the claim checks it; her own pick is allowed. The read tells what is left.
     */
    @Test
    void theClaimRefusesACounsellorInWrapUpUnlessShePicksIt() {
        Counsellor wrapping = online("store-wrapping", 3);
        var redis = connections.commands().sync();
        redis.set(Keys.wrapUp(wrapping.id()), "1"); // no expiry: its end is not known
        fixture.start("s-wrap", triage(false));
        assertEquals(ClaimOutcome.Result.WRAPPING_UP, claim("s-wrap", "store-wrapping"));
        assertEquals(ReachableCounsellor.UNKNOWN_WRAP_UP_END, reachableNow(wrapping).wrapUpEnds());
        redis.psetex(Keys.wrapUp(wrapping.id()), 60_000, "1");
        Instant end = reachableNow(wrapping).wrapUpEnds();
        assertTrue(end.isAfter(Instant.now().plusSeconds(50)) && end.isBefore(Instant.now().plusSeconds(61)), "" + end);
        assertEquals(ClaimOutcome.Result.ASSIGNED, await(queue.pick(new Assignment("s-wrap", wrapping.id())))
                .result(), "her own choice");
        redis.del(Keys.wrapUp(wrapping.id()));
        assertEquals(ReachableCounsellor.NO_WRAP_UP, reachableNow(wrapping).wrapUpEnds());
        await(conversations.endByVisitor("s-wrap", false));
    }

    /**
     * A visitor's end tried as if nobody held the chat (her socket saw no counsellor take it) ends nothing when someone
     * does; the holder is then read and the chat ended with her side cleared, as when it is read first.
     */
    @Test
    void aVisitorsEndBelievedUnheldFindsTheHolderWhenThereIsOne() {
        online("store-held", 2);
        fixture.start("s-held", triage(false));
        assertEquals(ClaimOutcome.Result.ASSIGNED, claim("s-held", "store-held"));
        assertTrue(await(conversations.endByVisitor("s-held", true)) instanceof EndOutcome.Ended);
        var redis = connections.commands().sync();
        assertEquals("ended", redis.hget(Keys.conversation("s-held"), "status"));
        assertFalse(redis.sismember(Keys.counsellorConversations("store-held"), "s-held"), "no longer hers");
        fixture.start("s-unheld", triage(false));
        assertTrue(await(conversations.endByVisitor("s-unheld", true)) instanceof EndOutcome.Ended);
        assertEquals(EndOutcome.NotEnded.ALREADY_ENDED, await(conversations.endByVisitor("s-unheld", true)));
    }

    /** As routing reads her (a store of her own: the fixture's configuration knows no counsellor). */
    private static ReachableCounsellor reachableNow(Counsellor counsellor) {
        CounsellorStore reading = new CounsellorStore(connections.commands().async(), bridge,
                new Scripts(connections.lanes(), bridge), Clock.systemUTC(), id -> Optional.of(counsellor));
        return await(reading.reachable(List.of(counsellor.id()))).get(0);
    }

    @Test
    void manyConcurrentClaimsForOneConversationMakeExactlyOneOwner() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(online("race-" + i, 1).id());
        }
        fixture.start("s-race", triage(true));
        List<Future<ClaimOutcome.Result>> claims = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (String id : ids) {
                claims.add(claimLater("s-race", id));
            }
        }
        await(Future.join(claims));
        long winners = claims.stream().filter(claim -> claim.result() == ClaimOutcome.Result.ASSIGNED).count();
        assertEquals(1, winners);
        String owner = await(conversations.find("s-race")).orElseThrow().counsellorId().orElseThrow();
        assertTrue(await(counsellors.conversations(owner)).contains("s-race"));
        await(conversations.endByVisitor("s-race", false));
    }

    @Test
    void concurrentClaimsNeverPushACounsellorPastCapacity() {
        online("store-capped", 3);
        List<Future<ClaimOutcome.Result>> claims = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fixture.start("s-cap-" + i, triage(false));
        }
        for (int i = 0; i < 30; i++) {
            claims.add(claimLater("s-cap-" + i, "store-capped"));
        }
        await(Future.join(claims));
        assertEquals(3, claims.stream().filter(claim -> claim.result() == ClaimOutcome.Result.ASSIGNED).count());
        assertEquals(3, await(counsellors.conversations("store-capped")).size());
        for (int i = 0; i < 30; i++) {
            await(conversations.endByVisitor("s-cap-" + i, false));
        }
        assertEquals(0, await(counsellors.conversations("store-capped")).size());
    }

    @Test
    void sessionsExpireWhenIdleAndAreKeyedByDigestOnly() throws Exception {
        Counsellor amina = config.counsellor("demo.amina").orElseThrow();
        await(sessions.open("token-abc", amina));
        assertEquals(Optional.of("demo.amina"),
                await(sessions.touch("token-abc")).map(SessionStore.Session::counsellorId));
        var keys = connections.commands().async().keys("hl:session:*").get(5, TimeUnit.SECONDS);
        assertTrue(keys.stream().noneMatch(key -> key.contains("token-abc")), keys.toString());
        String key = Keys.session(Digests.sha256("token-abc"));
        Waits.until(() -> connections.commands().sync().exists(key) == 0, 5, "the idle session expired in Redis");
        assertEquals(Optional.empty(), await(sessions.touch("token-abc")));
        await(sessions.open("token-def", amina));
        await(sessions.close("token-def"));
        assertEquals(Optional.empty(), await(sessions.touch("token-def")));
    }

    /** Her password changed in the configuration (a restart, here another node's store): her sessions are over. */
    @Test
    void aSessionOpenedWithAPasswordHashHerAccountNoLongerHasIsOver() {
        Counsellor amina = config.counsellor("demo.amina").orElseThrow();
        await(sessions.open("token-old-password", amina));
        Counsellor changed = new Counsellor(amina.id(), amina.displayName(), amina.associationId(), amina.languages(),
                amina.topics(), amina.capacity(), Passwords.hash("a new password, after a leak", 10_000),
                amina.supervisor(), amina.demo());
        SessionStore restarted = new SessionStore(new Scripts(connections.lanes(), bridge), Clock.systemUTC(),
                new SessionSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), 10_000),
                id -> Optional.of(changed).filter(counsellor -> counsellor.id().equals(id)));
        assertEquals(Optional.empty(), await(restarted.touch("token-old-password")));
        assertEquals(Optional.of("demo.amina"),
                await(sessions.touch("token-old-password")).map(SessionStore.Session::counsellorId),
                "with the hash it was opened with it still lives");
    }

    @Test
    void nodesShareTheDaysClientKeySecretWhichExpiresAndIsNotTheNextDays() {
        var commands = connections.commands().async();
        Instant noon = Instant.parse("2026-03-14T12:00:00Z");
        ClientKeyStore one = new ClientKeyStore(commands, bridge, Clock.fixed(noon, ZoneOffset.UTC));
        ClientKeyStore other = new ClientKeyStore(commands, bridge, Clock.fixed(noon.plusSeconds(3600),
                ZoneOffset.UTC));
        ClientKeyStore nextDay = new ClientKeyStore(commands, bridge, Clock.fixed(noon.plusSeconds(86_400),
                ZoneOffset.UTC));
        byte[] secret = Waits.await(one.today()).secret();
        assertEquals(32, secret.length);
        assertTrue(Arrays.equals(secret, Waits.await(other.today()).secret()), "every node gets the same secret");
        assertFalse(Arrays.equals(secret, Waits.await(nextDay.today()).secret()), "a new secret each day");
        long ttl = Waits.await(bridge.toFuture(commands.ttl("hl:clientkey:secret:2026-03-14")));
        assertTrue(ttl > 86_400 && ttl <= ClientKeyStore.LIFETIME.toSeconds(), "expires a bit over a day: " + ttl);
    }

    /**
     * A node keeps its copy of the days kept for blocks: a change it did not hear of (written here behind its back) is
     * seen once a block's change is heard, or once the copy is {@link ClientKeyStore#KEPT_DAYS_MAX_AGE} old.
     */
    @Test
    void theKeptDaysAreReadAgainAfterAHeardChangeOrOnceTheCopyIsOld() {
        var commands = connections.commands().async();
        Instant noon = Instant.parse("2026-05-10T12:00:00Z");
        SettableClock clock = new SettableClock(noon);
        ClientKeyStore store = new ClientKeyStore(commands, bridge, clock);
        await(store.follow(events));
        Supplier<Set<LocalDate>> kept = () -> await(store.kept()).stream().map(ClientKeyStore.DaySecret::day)
                .collect(Collectors.toSet());
        LocalDate missed = LocalDate.parse("2026-05-09");
        LocalDate blocked = LocalDate.parse("2026-05-08");
        LocalDate missedAgain = LocalDate.parse("2026-05-07");
        long until = noon.plus(Duration.ofHours(1)).toEpochMilli();
        for (LocalDate day : List.of(missed, blocked, missedAgain)) {
            await(bridge.toFuture(commands.set(Keys.clientKeySecret(day), Secrets.random(32))));
        }
        assertFalse(kept.get().contains(missed), "read once, and kept");

        await(bridge.toFuture(commands.zadd(Keys.CLIENT_KEY_KEPT_DAYS, until, missed.toString())));
        assertFalse(kept.get().contains(missed), "a change nobody published is not seen at once");

        ClientStore clients = new ClientStore(commands, bridge, new Scripts(connections.lanes(), bridge), clock,
                Duration.ZERO);
        await(clients.block(new ClientBlock(new ClientKey("keptDaysKeyOf22charsXY", blocked), clock.millis(), until,
                "demo.amina", "victim-support", "kept-days-chat")));
        Waits.until(kept::get, days -> days.containsAll(List.of(missed, blocked)), 10, "the copy read again");

        await(bridge.toFuture(commands.zadd(Keys.CLIENT_KEY_KEPT_DAYS, until, missedAgain.toString())));
        assertFalse(kept.get().contains(missedAgain), "kept again");
        clock.set(noon.plus(ClientKeyStore.KEPT_DAYS_MAX_AGE));
        assertTrue(kept.get().contains(missedAgain), "an old copy is read again");
    }

    /** Runs on the mirror's one context, as the node does. */
    private static <T> T onContext(Supplier<T> action) {
        Promise<T> done = Promise.promise();
        context.runOnContext(ignored -> done.complete(action.get()));
        return Waits.await(done.future(), 10);
    }

    /** Two sockets on two contexts share one Redis subscription; each is told it is ready on its own context. */
    @Test
    void aSharedSubscriptionIsReadyOnTheContextOfEachSubscriber() {
        Context first = vertx.getOrCreateContext();
        Context second = vertx.getOrCreateContext();
        Promise<Context> firstAsked = Promise.promise();
        first.runOnContext(ignored -> events.subscribe("hl:test:shared", event -> { }, () -> { })
                .onSuccess(ready -> firstAsked.complete(Vertx.currentContext())));
        assertEquals(first, await(firstAsked.future()));
        Promise<Context> secondAsked = Promise.promise();
        second.runOnContext(ignored -> events.subscribe("hl:test:shared", event -> { }, () -> { })
                .onSuccess(ready -> secondAsked.complete(Vertx.currentContext())));
        assertEquals(second, await(secondAsked.future()), "not on the context of the first subscriber");
    }

    private static String create() {
        String id = Secrets.random(16);
        fixture.start(id, Triage.none());
        return id;
    }

    private static Map<String, Long> ranksInRedis(Set<String> ids) {
        Map<String, Long> ranks = new HashMap<>();
        List<String> order = connections.commands().sync().zrange(Keys.QUEUE, 0, -1);
        for (int i = 0; i < order.size(); i++) {
            if (ids.contains(order.get(i))) {
                ranks.put(order.get(i), (long) i);
            }
        }
        return ranks;
    }

    private static void assertSameRanks(QueueMirror mirror, Set<String> ids) {
        Waits.untilPasses(() -> assertEquals(ranksInRedis(ids), onContext(() -> mirror.ranks(ids))), 10);
    }

    /**
     * A node's copy of the queue follows every script that changes the queue (arrival, danger, a visitor away and
     * back, an end) and ranks exactly as Redis does; a copy started later reads the queue whole.
     */
    @Test
    void theNodesCopyOfTheQueueFollowsEveryChange() {
        QueueMirror mirror = new QueueMirror(connections.commands().async(), bridge, events);
        await(onContext(mirror::start));
        assertNull(onContext(mirror::takeChanged), "everything is new after the whole queue was read");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create());
        }
        Set<String> all = new HashSet<>(ids);
        assertSameRanks(mirror, all);
        assertEquals(all, onContext(mirror::takeChanged), "each arrival is a change");

        String danger = ids.get(4);
        ClientStore clients = new ClientStore(connections.commands().async(), bridge,
                new Scripts(connections.lanes(), bridge), Clock.systemUTC(),
                config.routing().priority().dangerHeadStart());
        assertEquals(new DangerClaim.Granted(), await(clients.claimDanger(
                new ClientKey("mirrorDangerKey22chars", LocalDate.now(ZoneOffset.UTC)), danger)));
        assertSameRanks(mirror, all);
        assertEquals(0L, onContext(() -> mirror.ranks(Set.of(danger))).get(danger), "danger goes first");

        String away = ids.get(1);
        await(visitors.attach(away, "socket-a", false));
        await(visitors.away(away, "socket-a", AwayReason.QUICK_EXIT));
        assertSameRanks(mirror, all);
        assertNull(onContext(() -> mirror.ranks(Set.of(away))).get(away), "a visitor away is in nobody's count");

        await(conversations.endByVisitor(ids.get(2), false));
        assertSameRanks(mirror, all);

        await(visitors.attach(away, "socket-b", false));
        assertSameRanks(mirror, all);
        assertEquals(Set.of(danger, away, ids.get(2)), onContext(mirror::takeChanged).stream()
                .filter(all::contains).collect(Collectors.toSet()));

        QueueMirror later = new QueueMirror(connections.commands().async(), bridge, events);
        await(onContext(later::start));
        assertEquals(ranksInRedis(all), onContext(() -> later.ranks(all)), "a later copy reads the queue whole");
        onContext(() -> {
            mirror.stop();
            later.stop();
            return null;
        });
    }
}
