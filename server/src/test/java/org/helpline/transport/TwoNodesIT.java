package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two server nodes on one Redis: delivery crosses nodes through Redis, and routing races stay correct. */
class TwoNodesIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, TestConfig.withCounsellors(
            TestConfig.counsellor("two.cross", 1), TestConfig.counsellor("two.a", 2),
            TestConfig.counsellor("two.b", 2), TestConfig.counsellor("two.c", 1)));

    /**
     * Each node's {@code /metrics} shows its own Vert.x meters, also with two nodes in one JVM as here (Vert.x's
     * metrics share a registry by name within a JVM: with one name, the second node's meters went to the first's).
     */
    @Test
    void eachNodeServesItsOwnVertxMeters() {
        for (int node = 0; node < 2; node++) {
            assertEquals(200, helpline.get(node, "/health").statusCode());
            String metrics = helpline.get(node, "/metrics").body();
            assertTrue(metrics.contains("vertx_http_server_requests_total"), "node " + node + ": " + metrics);
        }
    }

    @Test
    void aVisitorOnOneNodeAndACounsellorOnTheOtherTalkBothWays() {
        TestSocket console = helpline.availableConsole(1, "two.cross", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("language", "en"));
        String conversation = console.next("assigned").getString("conversation");
        assertEquals(visitor.conversation(), conversation);
        visitor.socket().next("assigned");

        visitor.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "from node 0"));
        assertEquals("from node 0", console.next("message").getString("text"));
        console.send(new JsonObject().put("type", "send").put("conversation", conversation).put("clientId", "c-1")
                .put("text", "from node 1"));
        assertEquals("from node 1", visitor.socket().take(f -> "message".equals(f.getString("type"))
                && "counsellor".equals(f.getString("from")), "the counsellor's message").getString("text"));

        TestSocket resumedElsewhere = helpline.socket(1, "/ws/visitor");
        resumedElsewhere.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                .put("resumeSecret", visitor.secret()).put("afterSeq", 1));
        resumedElsewhere.next("resumed");
        assertEquals(List.of(2L), resumedElsewhere.exactly("message", 1).stream()
                .map(m -> m.getLong("seq")).toList());

        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        assertEquals("counsellor", visitor.socket().next("ended").getString("by"));
        assertEquals("counsellor", resumedElsewhere.next("ended").getString("by"));
    }

    @Test
    void bothNodesRoutingAtOnceNeverDoubleAssignNorExceedCapacity() {
        Map<String, TestSocket> consoles = new HashMap<>();
        consoles.put("two.a", helpline.availableConsole(0, "two.a", TestConfig.PASSWORD));
        consoles.put("two.b", helpline.availableConsole(1, "two.b", TestConfig.PASSWORD));
        consoles.put("two.c", helpline.availableConsole(1, "two.c", TestConfig.PASSWORD));
        Map<String, Integer> capacity = Map.of("two.a", 2, "two.b", 2, "two.c", 1);

        List<Helpline.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            visitors.add(helpline.visitor(i % 2, new JsonObject().put("inDanger", i % 3 == 0)));
        }
        Waits.until(() -> consoles.values().stream().mapToInt(console -> console.count("assigned")).sum() >= 5, 10,
                "the five free slots filled");
        TestSocket.sleep(TestSocket.QUIET); // listens for an assignment too many
        Map<String, Set<String>> held = new HashMap<>();
        Set<String> assignedOnce = new HashSet<>();
        for (var entry : consoles.entrySet()) {
            List<JsonObject> assigned = entry.getValue().all("assigned", Duration.ZERO);
            for (JsonObject frame : assigned) {
                String conversation = frame.getString("conversation");
                assertTrue(assignedOnce.add(conversation), conversation + " was given to two counsellors");
                held.computeIfAbsent(entry.getKey(), k -> new HashSet<>()).add(conversation);
            }
        }
        assertEquals(5, assignedOnce.size(), "every free slot is used: " + held);
        held.forEach((counsellor, conversations) -> assertTrue(conversations.size() <= capacity.get(counsellor),
                counsellor + " holds " + conversations.size()));
        for (TestSocket console : consoles.values()) {
            console.send(new JsonObject().put("type", "status").put("status", "away"));
            console.next("status");
        }
        for (Helpline.Visitor visitor : visitors) {
            visitor.socket().send(new JsonObject().put("type", "end"));
            visitor.socket().next("ended");
        }
    }
}
