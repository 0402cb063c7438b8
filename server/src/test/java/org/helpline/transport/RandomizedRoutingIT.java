package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes on one Redis, dozens of chats, a dozen counsellors connecting, going away, accepting, declining,
 * letting offers expire, ending chats and disconnecting, and one node stopped dead mid-run. The routing invariants
 * are checked in Redis throughout and at the end.
 *
 * <p>The default run is bounded (12 counsellors, 80 chats, a few seconds) so that it fits in every build. The full
 * run (24 counsellors, 240 chats, about 20 s) is one system property away, as is another seed:
 * <pre>
 * mvn -B verify -pl server -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RandomizedRoutingIT \
 *     -Dhelpline.randomized=full -Dhelpline.seed=42
 * </pre>
 */
class RandomizedRoutingIT {
    private static final boolean FULL = "full".equals(System.getProperty("helpline.randomized"));
    private static final int COUNSELLORS = FULL ? 24 : 12;
    private static final int CHATS = FULL ? 240 : 80;
    /** At least twelve checks during the run, whatever its size. */
    private static final int CHECK_EVERY = Math.min(20, CHATS / 12);
    private static final long SEED = Long.getLong("helpline.seed", 7L);
    /**
     * A counsellor who, until one of its offers has run out, lets every offer run out without answering and neither
     * leaves nor goes away, so that whatever the seed and the machine's speed, the run lets offers expire (silent only
     * until the node's death, it could accept after it an offer made just before it).
     */
    private static final String SILENT = "r0";
    /**
     * A counsellor (direct assignment) on the node that dies, who holds chats and neither leaves, goes away nor ends
     * one until then, so that the node's death gives chats back to the queue whatever the seed.
     */
    private static final String ON_DYING_NODE = "r1";
    private static final HelplineConfig CONFIG = config();

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(3, CONFIG);

    private static HelplineConfig config() {
        List<Counsellor> counsellors = new ArrayList<>();
        for (int i = 0; i < COUNSELLORS; i++) {
            counsellors.add(TestConfig.counsellor("r" + i, 1 + i % 3, i % 2 == 0 ? TestConfig.OFFER
                    : TestConfig.DIRECT));
        }
        return ConfigBuilder.from(TestConfig.withCounsellors(counsellors.toArray(Counsellor[]::new))).quickTimers()
                .build();
    }

    private final Random random = new Random(SEED);
    private final Map<String, Integer> capacity = new HashMap<>();
    private final Map<String, Console> consoles = new HashMap<>();
    private final List<Helpline.Visitor> visitors = new ArrayList<>();
    private final Set<String> created = new HashSet<>();
    private final List<TestSocket> everyVisitor = new ArrayList<>();
    private final List<TestSocket> everyConsole = new ArrayList<>();
    private final List<TestSocket> onHaltedNode = new ArrayList<>();
    private int checks;
    private long deadNodeNoticed;
    private Set<String> heldOnDyingNode = Set.of();

    private record Console(TestSocket socket, int node) {
    }

    @Test
    void routingInvariantsHoldUnderChurnAndANodeDeath() throws Exception {
        for (int i = 0; i < COUNSELLORS; i++) {
            capacity.put("r" + i, 1 + i % 3);
        }
        RedisClient client = RedisClient.create(helpline.redis().url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            boolean halted = false;
            openConsole(SILENT, 0);
            openConsole(ON_DYING_NODE, 2);
            for (int step = 0; step < CHATS; step++) {
                int liveNodes = halted ? 2 : 3;
                act(liveNodes, halted);
                int node = random.nextInt(liveNodes);
                Helpline.Visitor visitor = helpline.visitor(node, triage());
                if (node == 2) {
                    onHaltedNode.add(visitor.socket());
                }
                visitors.add(visitor);
                everyVisitor.add(visitor.socket());
                created.add(visitor.conversation());
                if (step == CHATS / 2) {
                    heldOnDyingNode = redis.smembers("hl:counsellor:{" + ON_DYING_NODE + "}:conversations");
                    helpline.halt(2);
                    deadNodeNoticed = System.nanoTime() + deadNodeNoticedAfter().toNanos();
                    halted = true;
                    onHaltedNode.forEach(TestSocket::abort);
                    consoles.entrySet().removeIf(entry -> entry.getValue().node() == 2);
                    visitors.removeIf(open -> open.socket().isClosed());
                }
                if (step % CHECK_EVERY == 0) {
                    checkInvariants(redis, false);
                }
                TestSocket.sleep(Duration.ofMillis(40));
            }
            quiesce();
            Waits.untilPasses(() -> checkInvariants(redis, true), 20);
            assertTrue(checks >= 12, "invariants were checked throughout");
            // a chat given back is told to its visitor, unless the visitor was on the dead node too: then Redis says it
            long requeued = everyVisitor.stream().mapToLong(v -> v.all("requeued", Duration.ZERO).size()).sum()
                    + heldOnDyingNode.stream().filter(id -> !ON_DYING_NODE.equals(
                            redis.hget("hl:conv:{" + id + "}", "counsellor"))).count();
            long expired = everyConsole.stream().flatMap(c -> c.all("offer_withdrawn", Duration.ZERO).stream())
                    .filter(f -> "expired".equals(f.getString("reason"))).count();
            long declined = everyConsole.stream().flatMap(c -> c.all("offer_withdrawn", Duration.ZERO).stream())
                    .filter(f -> "declined".equals(f.getString("reason"))).count();
            assertTrue(requeued > 0 && expired > 0 && declined > 0,
                    "the run exercised re-queues (" + requeued + "), expiries (" + expired + ") and declines ("
                            + declined + ")");
        } finally {
            client.shutdown();
        }
    }

    private JsonObject triage() {
        JsonObject triage = new JsonObject();
        if (random.nextInt(10) == 0) {
            triage.put("inDanger", true);
        }
        if (random.nextInt(5) == 0) {
            triage.put("childrenInvolved", true);
        }
        triage.put("language", random.nextBoolean() ? "fr" : "en");
        return triage;
    }

    /**
     * A few random moves by counsellors and visitors; until one of its offers has expired, the {@link #SILENT}
     * counsellor answers no offer and neither leaves nor goes away; until {@code halted}, neither does
     * {@link #ON_DYING_NODE}, nor does it end a chat.
     */
    private void act(int liveNodes, boolean halted) {
        for (int move = 0; move < 3; move++) {
            String id = "r" + random.nextInt(COUNSELLORS);
            Console console = consoles.get(id);
            int dice = random.nextInt(100);
            if (console == null || console.socket().isClosed()) {
                // back on a live node before its lease lapses, it would keep its chats: not until the death is noticed
                boolean waitsForItsLease = halted && ON_DYING_NODE.equals(id) && System.nanoTime() < deadNodeNoticed;
                if (dice < 50 && !waitsForItsLease) {
                    openConsole(id, random.nextInt(liveNodes));
                }
                continue;
            }
            boolean silent = SILENT.equals(id) && !anOfferExpired(console.socket());
            boolean steady = silent || !halted && ON_DYING_NODE.equals(id);
            TestSocket socket = console.socket();
            for (JsonObject offer : socket.drain("offer")) {
                int choice = random.nextInt(10);
                String conversation = offer.getString("conversation");
                if (silent) {
                    continue; // the offer expires
                } else if (choice < 6) {
                    socket.sendLater(new JsonObject().put("type", "accept").put("conversation", conversation));
                } else if (choice < 8) {
                    socket.sendLater(new JsonObject().put("type", "decline").put("conversation", conversation));
                }
            }
            if (steady && (dice < 14 || dice >= 30 && dice < 55)) {
                continue; // its offers expire rather than being withdrawn, its chats stay held
            } else if (dice < 8) {
                socket.close();
            } else if (dice < 14) {
                socket.sendLater(new JsonObject().put("type", "status").put("status", "away"));
            } else if (dice < 30) {
                socket.sendLater(new JsonObject().put("type", "status").put("status", "available"));
            } else if (dice < 55) {
                for (JsonObject assigned : socket.drain("assigned")) {
                    if (random.nextBoolean()) {
                        socket.sendLater(new JsonObject().put("type", "end")
                                .put("conversation", assigned.getString("conversation")));
                    }
                }
            }
            socket.drain("waiting");
            socket.drain("message");
        }
        if (!visitors.isEmpty() && random.nextInt(4) == 0) {
            Helpline.Visitor visitor = visitors.remove(random.nextInt(visitors.size()));
            visitor.socket().sendLater(new JsonObject().put("type", "end"));
        }
    }

    private static boolean anOfferExpired(TestSocket console) {
        return console.all("offer_withdrawn", Duration.ZERO).stream()
                .anyMatch(frame -> "expired".equals(frame.getString("reason")));
    }

    private void openConsole(String id, int node) {
        Console opened = new Console(helpline.availableConsole(node, id, TestConfig.PASSWORD), node);
        consoles.put(id, opened);
        if (node == 2) {
            onHaltedNode.add(opened.socket());
        }
        everyConsole.add(opened.socket());
    }

    /**
     * Everyone stops: counsellors stay connected and available, so every waiting chat can be served. The settled
     * checks then wait for the dead node to be noticed, or they would pass only because its consoles' leases still run.
     */
    private void quiesce() {
        for (var entry : consoles.entrySet()) {
            TestSocket socket = entry.getValue().socket();
            if (!socket.isClosed()) {
                socket.sendLater(new JsonObject().put("type", "status").put("status", "available"));
            }
        }
        TestSocket.sleep(Duration.ofNanos(Math.max(0, deadNodeNoticed - System.nanoTime())));
    }

    /**
     * How long after a node's death its consoles' leases have all lapsed and the presence deadlines that give their
     * chats back have come and been polled (every 250 ms; two polls of margin).
     */
    private static Duration deadNodeNoticedAfter() {
        return CONFIG.routing().consoleLease().plusMillis(500);
    }

    /**
     * Reads everything the invariants look at in one atomic step (a Lua script), so that a check never compares
     * counsellor sets read before a transition with conversations read after it.
     */
    private static final String SNAPSHOT = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local counsellors = {}
            for _, id in ipairs(cjson.decode(ARGV[1])) do
              local base = 'hl:counsellor:{' .. id .. '}'
              counsellors[id] = {held = redis.call('SMEMBERS', base .. ':conversations'),
                offered = redis.call('SMEMBERS', base .. ':offers'),
                live = redis.call('ZCOUNT', base .. ':consoles', '(' .. now, '+inf')}
            end
            local conversations = {}
            for _, id in ipairs(cjson.decode(ARGV[2])) do
              local c = redis.call('HMGET', 'hl:conv:{' .. id .. '}', 'status', 'counsellor', 'offeredTo', 'score',
                'visitorAway')
              conversations[id] = {status = c[1], counsellor = c[2] or '', offeredTo = c[3] or '',
                score = c[4] or '', queued = redis.call('ZSCORE', 'hl:queue', id) or '',
                away = c[5] or ''}
            end
            local stats = redis.call('HGETALL', 'hl:deadlines:stats')
            return cjson.encode({counsellors = counsellors, conversations = conversations, stats = stats,
              pending = redis.call('ZCARD', 'hl:deadlines'),
              overdue = redis.call('ZCOUNT', 'hl:deadlines', '-inf', now - 3000), now = now})
            """;

    /**
     * The invariants. Always: no chat held or offered by two counsellors; nobody above capacity; every chat either
     * held (active or offered, by exactly its holder), ended, or waiting in the queue with its original score (out of
     * it while its visitor is away); every deadline counted once. At the end also: nobody holds a chat without a live
     * console, no deadline overdue.
     */
    private void checkInvariants(RedisCommands<String, String> redis, boolean settled) {
        checks++;
        List<String> ids = new ArrayList<>(capacity.keySet());
        String json = redis.eval(SNAPSHOT, ScriptOutputType.VALUE, new String[0], new JsonArray(ids).encode(),
                new JsonArray(new ArrayList<>(created)).encode());
        JsonObject snapshot = new JsonObject(json);
        JsonObject counsellors = snapshot.getJsonObject("counsellors");
        Map<String, String> holderOf = new HashMap<>();
        for (String id : ids) {
            JsonObject state = counsellors.getJsonObject(id);
            Set<String> held = strings(state.getValue("held"));
            Set<String> offered = strings(state.getValue("offered"));
            assertTrue(held.size() + offered.size() <= capacity.get(id), id + " above capacity: " + held + offered);
            for (String conversation : union(held, offered)) {
                String previous = holderOf.put(conversation, id);
                assertTrue(previous == null, conversation + " held by " + previous + " and " + id);
            }
            if (settled && !held.isEmpty()) {
                assertTrue(state.getLong("live") > 0, id + " is offline but holds " + held);
            }
        }
        JsonObject conversations = snapshot.getJsonObject("conversations");
        for (String conversation : created) {
            JsonObject state = conversations.getJsonObject(conversation);
            String status = state.getString("status");
            boolean queued = !state.getString("queued").isEmpty();
            switch (status) {
                case "waiting" -> {
                    if (!state.getString("away").isEmpty()) {
                        assertTrue(!queued, conversation + " queued while its visitor is away");
                    } else {
                        assertTrue(queued, conversation + " waiting but not queued");
                        assertEquals(Double.parseDouble(state.getString("score")),
                                Double.parseDouble(state.getString("queued")), conversation + " lost its age");
                    }
                    assertTrue(!holderOf.containsKey(conversation), conversation + " waiting but held");
                }
                case "active" -> {
                    assertEquals(state.getString("counsellor"), holderOf.get(conversation), conversation + " holder");
                    assertTrue(!queued, conversation + " active and queued");
                }
                case "offered" -> {
                    assertEquals(state.getString("offeredTo"), holderOf.get(conversation), conversation + " offer");
                    assertTrue(!queued, conversation + " offered and queued");
                }
                case "ended" -> assertTrue(!queued && !holderOf.containsKey(conversation), conversation + " ended");
                default -> throw new AssertionError(conversation + " has status " + status);
            }
        }
        Map<String, Long> counts = new HashMap<>();
        JsonArray stats = snapshot.getJsonArray("stats");
        for (int i = 0; i + 1 < stats.size(); i += 2) {
            counts.put(stats.getString(i), Long.parseLong(stats.getString(i + 1)));
        }
        long accounted = counts.getOrDefault("fired", 0L) + counts.getOrDefault("cancelled", 0L)
                + snapshot.getLong("pending");
        assertEquals(counts.getOrDefault("created", 0L), accounted, "every deadline fired or cancelled once, or "
                + "pending: " + counts);
        if (settled) {
            assertEquals(0L, snapshot.getLong("overdue"), "no deadline left overdue");
        }
    }

    /** cjson encodes an empty Lua table as an object: both mean an empty set. */
    private static Set<String> strings(Object value) {
        Set<String> result = new HashSet<>();
        if (value instanceof JsonArray array) {
            array.forEach(item -> result.add((String) item));
        }
        return result;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
