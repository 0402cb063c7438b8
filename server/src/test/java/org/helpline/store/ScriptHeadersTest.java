package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.helpline.config.DataKeys;
import org.helpline.config.LoginSettings;
import org.helpline.config.RoutingSettings;
import org.helpline.config.SessionSettings;
import org.helpline.domain.Assignment;
import org.helpline.domain.Availability;
import org.helpline.domain.ClientKey;
import org.helpline.domain.OfferRelease;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.ServiceCalendar;
import org.helpline.domain.Side;
import org.helpline.domain.Triage;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * Each Lua script's header (its KEYS and ARGV, by name) against what the stores pass, without Redis: every store
 * method that runs a script is called with a {@link Scripts} that lays the call out by the header and records it
 * instead of sending it.
 */
class ScriptHeadersTest {
    private static final Path SCRIPTS = Path.of("src/main/resources/lua");
    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final IllegalStateException NOT_SENT = new IllegalStateException("not sent");
    private static final TranscriptCipher CLEAR = new TranscriptCipher(DataKeys.none());
    private static final StatisticsCounters STATISTICS = new StatisticsCounters(Duration.ofMinutes(1),
            Duration.ofDays(400), ServiceCalendar.UTC);

    private final List<ScriptCall> calls = new ArrayList<>();
    private final Scripts scripts = new Scripts(new Scripts.Evaluation() {
        @Override
        public <T> Future<T> evaluate(ScriptCall call, ScriptOutputType type) {
            call.keyArray();
            call.argArray();
            calls.add(call);
            return Future.failedFuture(NOT_SENT);
        }
    });

    /**
     * The scripts that only read run while Redis refuses writes (no-writes); those whose writes free memory run when
     * it is full (allow-oom); a misspelt flags line would silently give none.
     */
    @Test
    void theScriptsThatOnlyReadOrFreeMemorySayItInTheirFlags() throws IOException {
        Set<String> readOnly = Set.of("dashboard_chats", "dashboard_counsellors", "dashboard_snapshot", "due_deadlines",
                "online_counsellors", "queue_positions", "reachable_counsellors");
        Set<String> freeing = Set.of("retention_sweep", "lift_block", "forget_expired_blocks", "delete_if_equal",
                "touch_session");
        for (String name : scriptNames()) {
            List<String> expected = readOnly.contains(name) ? List.of("no-writes")
                    : freeing.contains(name) ? List.of("allow-oom") : List.of();
            assertEquals(expected, LuaScript.load(name).flags(), name);
            assertEquals(!expected.isEmpty(), Files.readString(SCRIPTS.resolve(name + ".lua")).toLowerCase()
                    .contains("-- flags"), name + ": a flags line, read as written");
        }
        assertTrue(Scripts.LIBRARY.code().contains("function_name = 'due_deadlines_" + Scripts.LIBRARY.version()
                + "', flags = {'no-writes'}"), "registered with its flags");
    }

    @Test
    void everyScriptDeclaresItsKeysAndArgumentsByName() throws IOException {
        for (String name : scriptNames()) {
            ScriptHeader header = LuaScript.load(name).header();
            boolean buildsItsKeys = header.args().stream().anyMatch(arg -> arg.name().endsWith("KeyPrefix"));
            assertFalse(header.keys().isEmpty() && !buildsItsKeys,
                    name + " declares no KEYS (nor a key prefix it builds them from)");
        }
        ScriptHeader prelude = ScriptHeader.parse("prelude", Files.readString(SCRIPTS.resolve("prelude.lua")));
        assertEquals(new ScriptHeader(List.of(), List.of()), prelude);
    }

    @Test
    void everyStoreCallGivesWhatItsScriptDeclares() throws IOException {
        for (Supplier<Future<?>> call : storeCalls()) {
            Throwable failure = call.get().cause();
            assertSame(NOT_SENT, failure, () -> "refused: " + failure);
        }
        Set<String> called = calls.stream().map(call -> call.script().name()).collect(Collectors.toSet());
        assertEquals(scriptNames(), new TreeSet<>(called), "every script is called by a store");
    }

    @Test
    void aHeaderThatNoLongerMatchesItsCallerIsRefused() throws IOException {
        String text = Files.readString(SCRIPTS.resolve("accept_offer.lua"));
        QueueStore queue = new QueueStore(null, null, scripts, Clock.fixed(NOW, ZoneOffset.UTC), routing(),
                CLEAR);
        queue.accept("conv-1", "anna");
        ScriptCall accept = calls.get(calls.size() - 1);

        String missing = text.replace("-- ARGV[4] counsellorChannel\n", "");
        IllegalStateException unused = assertThrows(IllegalStateException.class,
                () -> ScriptHeader.parse("accept_offer", missing));
        assertTrue(unused.getMessage().contains("ARGV[4]"), unused.getMessage());

        String extra = text.replace("-- ARGV[4] counsellorChannel\n",
                "-- ARGV[4] counsellorChannel\n-- ARGV[5] acceptedAt: ms\n");
        ScriptHeader longer = ScriptHeader.parse("accept_offer", extra);
        IllegalArgumentException notGiven = assertThrows(IllegalArgumentException.class,
                () -> longer.layOutArgs("accept_offer", accept.namedArgs()));
        assertTrue(notGiven.getMessage().contains("acceptedAt is declared in its header but not given"),
                notGiven.getMessage());

        String renamed = text.replace("-- KEYS[9] waits\n", "-- KEYS[9] serviceLevelWaits\n");
        ScriptHeader other = ScriptHeader.parse("accept_offer", renamed);
        assertThrows(IllegalArgumentException.class, () -> other.layOutKeys("accept_offer", accept.namedKeys()));
        assertEquals(10, LuaScript.load("accept_offer").header().layOutKeys("accept_offer", accept.namedKeys()).length);
    }

    @Test
    void aCallThatGivesAnUndeclaredNameFailsBeforeRedis() {
        ScriptCall call = Scripts.TOUCH_SESSION.call().key("session", "hl:session:x").arg("idleTimeout", 1000)
                .arg("now", 5).arg("renewedBy", "x");
        Throwable failure = scripts.text(call).cause();
        assertTrue(failure instanceof IllegalArgumentException && failure.getMessage().contains("renewedBy"),
                String.valueOf(failure));
        assertThrows(IllegalArgumentException.class, () -> call.arg("idleTimeout", 2000));
    }

    @Test
    void malformedHeadersAreRefusedAtLoad() {
        assertThrows(IllegalStateException.class, () -> ScriptHeader.parse("gap", "-- KEYS[1] a\n-- KEYS[3] b\n"));
        assertThrows(IllegalStateException.class, () -> ScriptHeader.parse("twice", "-- KEYS[1] a\n-- KEYS[2] a\n"));
        assertThrows(IllegalStateException.class, () -> ScriptHeader.parse("unnamed", "-- ARGV[1]\n"));
        assertThrows(IllegalStateException.class,
                () -> ScriptHeader.parse("after list", "-- KEYS[1...] a\n-- KEYS[2] b\n"));
        assertThrows(IllegalStateException.class,
                () -> ScriptHeader.parse("unused", "-- KEYS[1] a\nreturn redis.call('GET', KEYS[2])\n"));
    }

    private static Set<String> scriptNames() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.map(file -> file.getFileName().toString().replace(".lua", ""))
                    .filter(name -> !name.equals("prelude")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static RoutingSettings routing() {
        return TestConfig.withCounsellors().routing();
    }

    /** One call of every store method that runs a script (the stores never reach their Redis commands here). */
    private List<Supplier<Future<?>>> storeCalls() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RoutingSettings routing = routing();
        QueueStore queue = new QueueStore(null, null, scripts, clock, routing, CLEAR);
        ConversationStore conversations = new ConversationStore(null, null, scripts, clock, Duration.ofHours(1),
                Duration.ofSeconds(30), TestConfig.withCounsellors().limits(), CLEAR, STATISTICS);
        CounsellorStore counsellors = new CounsellorStore(null, null, scripts, clock, id -> Optional.empty());
        DeadlineStore deadlines = new DeadlineStore(null, null, scripts);
        CaseRecordStore records = new CaseRecordStore(null, null, scripts, clock, CLEAR, STATISTICS);
        SupervisionStore supervision = new SupervisionStore(scripts, CLEAR, "node-1");
        VisitorStore visitors = new VisitorStore(scripts, clock, Duration.ofMinutes(5),
                TestConfig.withCounsellors().limits(), "node-1");
        SessionStore sessions = new SessionStore(scripts, clock,
                new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(12), 10_000), id -> Optional.empty());
        DashboardStore dashboard = new DashboardStore(scripts, ServiceCalendar.UTC);
        DiskPurgeStore diskPurge = new DiskPurgeStore(null, null, scripts);
        LoginThrottle logins = new LoginThrottle(scripts,
                new LoginSettings(5, 30, Duration.ofMinutes(5), Duration.ofHours(1), 8));
        ClientStore clients = new ClientStore(null, null, scripts, clock, Duration.ofMinutes(10));
        ChatStartStore starts = new ChatStartStore(scripts, clock, routing(), CLEAR);
        EscalationStore escalations = new EscalationStore(null, null, scripts);
        ClientKey client = new ClientKey("AAAAAAAAAAAAAAAAAAAAAA", LocalDate.ofInstant(NOW, ZoneOffset.UTC),
                "CCCCCCCCCCCCCCCCCCCCCC");
        ClientKey earlier = new ClientKey("BBBBBBBBBBBBBBBBBBBBBB", client.day().minusDays(1));
        Assignment assignment = new Assignment("conv-1", "anna");
        JsonObject event = new JsonObject().put("type", "test");
        return List.of(
                () -> escalations.settle(new JsonObject().put("id", "escalation-1"), "delivered"),
                () -> escalations.recordPending(new JsonObject().put("id", "escalation-1"), new JsonObject(),
                        Duration.ofSeconds(40), new EscalationSummary("conv-1", "anna", event)),
                () -> escalations.unconfirmed(Deadline.escalation("escalation-1")),
                () -> escalations.alert(new JsonObject().put("type", "alert").put("kind", "help")),
                () -> conversations.shareLocation("conv-1", "here"),
                () -> conversations.linesShown("conv-1"),
                () -> starts.start(new ChatStart("conv-1", Triage.none(), Optional.of("fr"), "secret", client, 20, 60),
                        "code"),
                () -> conversations.append("conv-1", Side.VISITOR, null, "client-1", "hello"),
                () -> conversations.end("conv-1", Side.COUNSELLOR, Optional.of("anna")),
                () -> conversations.end("conv-1", Side.VISITOR, Optional.empty()),
                () -> queue.head(10),
                () -> queue.positions(List.of("conv-1", "conv-2")),
                () -> queue.claim(assignment, RoutingMode.OFFER),
                () -> queue.pick(assignment),
                () -> queue.accept("conv-1", "anna"),
                () -> queue.release("conv-1", "anna", 3, OfferRelease.DECLINED),
                () -> queue.transfer("conv-1", "anna", "ben", ""),
                () -> counsellors.setAvailability(TestConfig.counsellor("anna", 2), Availability.AVAILABLE),
                () -> counsellors.consoleAlive("anna", "socket-1", Duration.ofSeconds(30)),
                () -> counsellors.consoleClosed("anna", "socket-1", Duration.ofSeconds(10)),
                () -> counsellors.presenceDeadline(Deadline.presence("anna"), Duration.ofMinutes(120)),
                () -> counsellors.reachable(List.of("anna", "ben")),
                () -> counsellors.online(List.of("anna", "ben")),
                () -> deadlines.due(50),
                () -> deadlines.advanceStep(Deadline.step("conv-1", 0), Optional.of(NOW.toEpochMilli())),
                () -> deadlines.advanceStep(Deadline.step("conv-1", 1), Optional.empty()),
                () -> records.saveRisk("conv-1", "anna", "high", new JsonObject(), event, event),
                () -> records.addNote("conv-1", "anna", new JsonObject().put("text", "note"), event),
                () -> records.recordOutcome("conv-1", "anna", List.of("women", "referral"), event),
                () -> supervision.record("conv-1", new JsonObject().put("kind", "whisper").put("text", "t"),
                        Optional.of("anna"), Optional.of(event)),
                () -> supervision.monitoring("conv-1", new JsonObject().put("kind", "monitor_end")
                        .put("monitoring", "0123456789abcdef"), "socket-3", "sam"),
                () -> supervision.endForGoneNode("node-2", new NodeMonitoring("conv-1", "0123456789abcdef",
                        "socket-3", "sam"), new JsonObject().put("kind", "monitor_end")),
                () -> visitors.attach("conv-1", "socket-2", true),
                () -> visitors.away("conv-1", "socket-2", AwayReason.QUICK_EXIT),
                () -> visitors.quickExitBySecret("conv-1", "digest"),
                () -> visitors.renewNode(Duration.ofSeconds(60)),
                () -> visitors.nodeGone(Deadline.node("node-2")),
                () -> visitors.resumeByCode("digest", "new-secret", client, 30),
                () -> sessions.touch("token"),
                () -> sessions.open("token", TestConfig.counsellor("anna", 2)),
                () -> sessions.revokeAll("anna"),
                () -> sessions.close("token"),
                () -> logins.attempt("anna", client),
                () -> logins.succeeded("anna", client),
                () -> logins.unchecked("anna", client),
                () -> clients.claimDanger(client, "conv-1"),
                () -> clients.promoteDanger(Deadline.danger(client.value())),
                () -> clients.block(new ClientBlock(client, NOW.toEpochMilli(), NOW.toEpochMilli() + 60_000, "anna",
                        "victim-support", "conv-1")),
                () -> clients.carryBlock(earlier, client),
                () -> clients.lift(client.value()),
                () -> clients.forgetExpired(Map.of(client.value(), "{}")),
                () -> dashboard.read(NOW, Duration.ofMinutes(2), NOW.minus(Duration.ofMinutes(3)),
                        List.of("anna", "ben")),
                () -> dashboard.recordMinute(NOW, 4, Duration.ofSeconds(90), Duration.ofHours(7)),
                () -> diskPurge.sweep(Duration.ofMinutes(5)),
                () -> diskPurge.settle("1"));
    }
}
