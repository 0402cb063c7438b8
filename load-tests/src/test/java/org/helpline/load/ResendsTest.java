package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The generator's visitor against a peer that refuses the first start and the first message as an overloaded server
 * does ({@code unavailable}): like the page, it sends both again, the message with its same clientId, and counts an
 * acknowledgement once however often it comes; a message refused for good ({@code conversation_ended}) is not sent
 * again, and is handed back to its sender. The start counts as answered once, at its first answer (the refusal).
 */
class ResendsTest {
    private static final String GONE = "v1-gone";

    @Test
    void aRefusedStartAndMessageAreSentAgainLikeThePage() throws Exception {
        LoadClient client = new LoadClient("http://localhost:1");
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        HttpServer peer = client.vertx.createHttpServer()
                .requestHandler(request -> request.toWebSocket().onSuccess(socket -> socket.textMessageHandler(text -> {
                    JsonObject frame = new JsonObject(text);
                    received.add(frame);
                    String key = frame.getString("clientId", frame.getString("type"));
                    long tries = received.stream().filter(seen -> key.equals(seen.getString("clientId",
                            seen.getString("type")))).count();
                    JsonObject answer = GONE.equals(key) ? new JsonObject().put("type", "error")
                            .put("code", "conversation_ended").put("ref", GONE)
                            : tries == 1 ? new JsonObject().put("type", "error").put("code", "unavailable")
                            : "start".equals(frame.getString("type")) ? new JsonObject().put("type", "started")
                            : new JsonObject().put("type", "ack").put("clientId", frame.getString("clientId"))
                                    .put("duplicate", true);
                    socket.writeTextMessage(answer.encode());
                    if (answer.containsKey("duplicate")) {
                        socket.writeTextMessage(answer.encode()); // twice, as two resends in flight would be
                    }
                })))
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            Counts counts = new Counts();
            CompletableFuture<Integer> acknowledged = new CompletableFuture<>();
            int[] acks = new int[1];
            int[] startAnswers = new int[1];
            Resends[] resends = new Resends[1];
            List<JsonObject> refusedForGood = new CopyOnWriteArrayList<>();
            // held until the end: Vert.x closes a client nothing refers to any more, and its sockets with it
            WebSocketClient sockets = client.vertx.createWebSocketClient();
            sockets.connect(peer.actualPort(), "127.0.0.1", "/ws/visitor")
                    .onSuccess(socket -> { // on the socket's own context, as in Traffic
                        resends[0] = new Resends(client.vertx, socket, counts, () -> true);
                        socket.textMessageHandler(text -> {
                            JsonObject frame = new JsonObject(text);
                            switch (frame.getString("type")) {
                                case "started" -> {
                                    resends[0].started();
                                    resends[0].send(new JsonObject().put("type", "send").put("clientId", GONE)
                                            .put("text", "refused for good"));
                                    resends[0].send(new JsonObject().put("type", "send").put("clientId", "v1-1")
                                            .put("text", "hi"));
                                }
                                case "ack" -> {
                                    if (resends[0].acknowledged(frame.getString("clientId"))) {
                                        acks[0]++;
                                    }
                                    client.vertx.setTimer(200, timer -> acknowledged.complete(acks[0]));
                                }
                                case "error" -> resends[0].refused(frame).ifPresent(refusedForGood::add);
                                default -> { }
                            }
                        });
                        resends[0].start(new JsonObject().put("type", "start"), () -> startAnswers[0]++);
                    })
                    .onFailure(acknowledged::completeExceptionally);

            assertEquals(1, acknowledged.get(20, TimeUnit.SECONDS), "one acknowledgement counted");
            assertEquals(List.of("start", "start", GONE, "v1-1", "v1-1"), received.stream()
                    .map(frame -> frame.getString("clientId", frame.getString("type"))).toList(),
                    "the start and the message sent again, with the same clientId; the one refused for good not");
            assertEquals(1, counts.get("resent.start"));
            assertEquals(1, startAnswers[0], "answered at its refusal, not again at its started");
            assertEquals(1, counts.get("resent.message"));
            assertEquals(2, counts.get("error.unavailable"), "a refusal is still an error");
            assertEquals(1, counts.get("error.conversation_ended"));
            assertEquals(List.of(GONE), refusedForGood.stream().map(frame -> frame.getString("clientId")).toList(),
                    "the send refused for good is handed back (a console stops writing in its chat)");
            assertFalse(resends[0].acknowledged("v1-1"), "nothing left to send again");
            sockets.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
