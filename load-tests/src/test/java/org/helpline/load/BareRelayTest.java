package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bare relay answers a {@code send} with the frames the server writes for it (the message to the other side, its
 * echo and the ack), and a drive of it measures its window only: the messages delivered in it, the latency of those
 * sent in it, the CPU spent in it.
 */
class BareRelayTest {
    @Test
    void aSendIsAnsweredAsTheServerAnswersIt() throws Exception {
        Vertx vertx = Vertx.vertx();
        LoadClient client = null;
        try {
            HttpServer relay = BareRelay.listen(vertx).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            client = new LoadClient("http://localhost:" + relay.actualPort());
            List<JsonObject> visitor = new CopyOnWriteArrayList<>();
            List<JsonObject> counsellor = new CopyOnWriteArrayList<>();
            WebSocket a = open(client, "/relay/7/a", visitor);
            open(client, "/relay/7/b", counsellor);
            LoadClient.send(a, new JsonObject().put("type", "send").put("clientId", "v-1").put("text", "load 42"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((visitor.size() < 2 || counsellor.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, counsellor.size(), counsellor.toString());
            JsonObject delivered = counsellor.get(0);
            assertEquals("message", delivered.getString("type"));
            assertEquals("visitor", delivered.getString("from"));
            assertEquals("v-1", delivered.getString("clientId"));
            assertEquals(1, (long) delivered.getLong("seq"));
            assertEquals("load 42", delivered.getString("text"));
            assertEquals("7", delivered.getString("conversation"));
            assertEquals(2, visitor.size(), "the echo and the ack, in either order: " + visitor);
            JsonObject ack = visitor.stream().filter(frame -> "ack".equals(frame.getString("type"))).findFirst()
                    .orElseThrow();
            assertEquals("v-1", ack.getString("clientId"));
            assertEquals(1, (long) ack.getLong("seq"));
            assertFalse(ack.getBoolean("duplicate"));
            assertTrue(visitor.stream().anyMatch(frame -> "message".equals(frame.getString("type"))
                    && "visitor".equals(frame.getString("from")) && frame.getLong("seq") == 1), "the echo");
        } finally {
            if (client != null) {
                client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDriveMeasuresItsWindowAlone() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer relay = BareRelay.listen(vertx).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            // in this process: its CPU is the relay's and the generator's at once
            RelayRun run = Baselines.driveRelay(relay.actualPort(), ProcessHandle.current(), 2,
                            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(run.seconds() >= 0.9, "the window lasts the duration: " + run.seconds());
            // 4 sockets each writing every 100 ms: about 40 messages in a second, none of the warm-up's
            double most = 4 * (run.seconds() / 0.1 + 2);
            assertTrue(run.relayed() > 0 && run.relayed() <= most, run.relayed() + " relayed, at most " + most);
            long timed = run.latency().histogram().getTotalCount();
            assertTrue(timed > 0 && timed <= run.relayed() + 4, timed + " timed, " + run.relayed() + " relayed");
            assertTrue(run.relayCpuSeconds() >= 0, "CPU read over the window");
            assertTrue(run.describe().contains(run.relayed() + " messages relayed"), run.describe());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWindowCountsWhatWasDeliveredInItAndTimesWhatWasSentInIt() {
        RelayWindow window = new RelayWindow();
        Latency latency = new Latency("relay");
        window.delivered(10, 20, latency);
        window.open(100);
        window.delivered(50, 120, latency); // sent in the warm-up: relayed in the window, not timed
        window.delivered(150, 190, latency);
        window.close(200);
        window.delivered(190, 230, latency); // sent in it, delivered after: timed, not relayed in it
        window.delivered(210, 220, latency);
        assertEquals(2, window.relayed());
        assertEquals(2, latency.histogram().getTotalCount());
        assertEquals(40, latency.histogram().getMinValue());
        assertEquals(40, latency.histogram().getMaxValue());
        assertEquals(100e-9, window.seconds(), 1e-12);
    }

    private static WebSocket open(LoadClient client, String path, List<JsonObject> frames) throws Exception {
        WebSocket socket = client.connect(path).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
        return socket;
    }
}
