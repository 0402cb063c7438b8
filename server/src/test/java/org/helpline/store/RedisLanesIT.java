package org.helpline.store;

import static org.helpline.store.StoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.domain.Side;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node sends its commands on {@code redis.commandConnections} connections; a conversation's scripts and its store's
 * commands go on one of them (so they reach Redis in the order they were sent), and conversations are spread over
 * them. Redis's own {@code MONITOR} tells which connection sent each command.
 */
class RedisLanesIT {
    /** A command as MONITOR prints it: {@code 1700000000.123456 [0 127.0.0.1:51234] "fcall" ...}. */
    private static final Pattern SENT = Pattern.compile(
            "^\\+\\d+\\.\\d+ \\[\\d+ (\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+)] (.*)$");
    private static final int LANES = 4;
    private static StoreFixture stores;

    @BeforeAll
    static void start() {
        stores = new StoreFixture(Duration.ofMinutes(5),
                ConfigBuilder.from(TestConfig.withCounsellors()).commandConnections(LANES).build());
    }

    @AfterAll
    static void stop() throws Exception {
        stores.close();
    }

    @Test
    void theNodeOpensItsCommandConnectionsAndOnePubSubConnection() {
        String clients = stores.connections.commands().sync().clientList();
        // a MONITOR of the other test, if Redis has not yet seen it closed, is not the node's
        assertEquals(LANES + 1, clients.lines().filter(client -> !client.contains(" flags=O ")).count(), clients);
    }

    @Test
    void aConversationsWorkAllGoesOnOneConnectionAndConversationsSpreadOverThem() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("lane-" + i);
        }
        try (Socket monitor = new Socket("127.0.0.1", stores.redis.port())) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = monitor.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("+OK", lines.readLine());
            for (String id : ids) {
                stores.start(id, StoreFixture.triage(false));
                await(stores.conversations.append(id, Side.VISITOR, null, "c-" + id, "hello"));
                await(stores.conversations.find(id));
                await(stores.conversations.messagesAfter(id, 0, 50));
            }
            String last = ids.get(ids.size() - 1);
            await(stores.conversations.abandon(last));
            Map<String, Set<String>> sendersOf = new HashMap<>();
            Waits.until(() -> readSenders(lines, ids, sendersOf, last), 10, "MONITOR showed the last conversation end");
            Set<String> all = new HashSet<>();
            for (String id : ids) {
                Set<String> senders = sendersOf.getOrDefault(id, Set.of());
                assertEquals(1, senders.size(), id + " was sent from " + senders);
                all.addAll(senders);
            }
            assertTrue(all.size() > 1, "12 conversations on one connection: " + all);
        }
    }

    /** Reads what MONITOR printed so far; true once it shows the end of {@code last}. */
    private static boolean readSenders(BufferedReader lines, List<String> ids, Map<String, Set<String>> sendersOf,
                                       String last) {
        try {
            boolean ended = false;
            while (lines.ready()) {
                String line = lines.readLine();
                if (line == null) {
                    throw new IllegalStateException("Redis closed the MONITOR connection");
                }
                Matcher sent = SENT.matcher(line);
                if (!sent.matches()) {
                    continue;
                }
                for (String id : ids) {
                    if (sent.group(2).contains("{" + id + "}")) {
                        sendersOf.computeIfAbsent(id, ignored -> new HashSet<>()).add(sent.group(1));
                        ended |= id.equals(last)
                                && sent.group(2).contains(Scripts.LIBRARY.function(Scripts.END_CONVERSATION));
                    }
                }
            }
            return ended;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
