package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Three visitors against a peer that answers the first start with {@code started}, refuses the second
 * ({@code chat_unavailable}) and leaves the third unanswered: only the third is {@code error.start_unanswered}.
 */
class UnansweredStartsTest {
    @Test
    void aStartWithNoAnswerAtAllIsAnError() throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicInteger sockets = new AtomicInteger();
        HttpServer peer = vertx.createHttpServer().webSocketHandler(socket -> {
            int which = sockets.incrementAndGet();
            socket.textMessageHandler(text -> {
                if (which == 1) {
                    socket.writeTextMessage(new JsonObject().put("type", "started").put("conversation", "c1").encode());
                } else if (which == 2) {
                    socket.writeTextMessage(new JsonObject().put("type", "error").put("code", "chat_unavailable")
                            .put("ref", "start").encode());
                }
            });
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LoadClient client = new LoadClient("http://localhost:" + peer.actualPort());
        try {
            Traffic traffic = new Traffic(client);
            for (int i = 0; i < 3; i++) {
                traffic.visitor(Optional.empty(), Optional.empty(), System.nanoTime());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((traffic.chats.size() < 1 || traffic.counts.get("error.chat_unavailable") < 1 || sockets.get() < 3)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200); // the third would have had its answer by now
            assertEquals(1, traffic.chats.size(), traffic.counts.snapshot().toString());
            assertEquals(1, traffic.countUnansweredStarts(), traffic.counts.snapshot().toString());
            assertEquals(1, traffic.counts.get("error.start_unanswered"));
            assertEquals(2, traffic.counts.errors(), "the refusal and the silence: " + traffic.counts.snapshot());
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
