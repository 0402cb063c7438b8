package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Limits;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While Redis is slow a node holds at most {@code limits.framesHandledPerNode} frames of one kind of socket at once:
 * the next is answered {@code unavailable} at once, without touching Redis, and is stored when sent again, once.
 * Redis is paused ({@code CLIENT PAUSE}, shorter than the command timeout) so that the first frames wait in hand.
 */
class FramesInHandIT {
    private static final int IN_HAND = 2;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("inhand.amina", 1));
        Limits limits = base.limits();
        return ConfigBuilder.from(base).limits(new Limits(limits.maxFrameBytes(), limits.hardMessageBytes(),
                limits.maxTextChars(), limits.framesPerSecond(), limits.frameBurst(), limits.maxViolations(),
                limits.messagesPerMinutePerConversation(), limits.messagesPerConversation(),
                limits.visitorBytesPerConversation(), limits.socketsPerConversation(), IN_HAND)).build();
    }

    private static JsonObject message(int n) {
        return new JsonObject().put("type", "send").put("clientId", "v-" + n).put("text", "message " + n);
    }

    @Test
    void pastTheFramesInHandAFrameIsAnsweredUnavailableAndStoredWhenSentAgain() {
        TestSocket console = helpline.console(0, "inhand.amina", TestConfig.PASSWORD);
        console.send(new JsonObject().put("type", "status").put("status", "available"));
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        visitor.socket().next("assigned");
        console.next("assigned");

        helpline.inRedis(redis -> redis.clientPause(1_500));
        for (int n = 1; n <= 4; n++) {
            visitor.socket().send(message(n));
        }
        JsonObject refused = visitor.socket().error("unavailable");
        JsonObject alsoRefused = visitor.socket().error("unavailable");
        assertEquals(List.of("v-3", "v-4"), List.of(refused.getString("ref"), alsoRefused.getString("ref")),
                "two frames in hand, the next two refused at once, while Redis still holds the first two");
        assertEquals(List.of("v-1", "v-2"), visitor.socket().take("ack", 2).stream()
                .map(ack -> ack.getString("clientId")).sorted().toList(), "the two in hand, stored once Redis is back");

        visitor.socket().send(message(3)).send(message(4));
        assertEquals(List.of("v-3", "v-4"), visitor.socket().take("ack", 2).stream()
                .map(ack -> ack.getString("clientId")).sorted().toList(), "sent again: stored");
        assertEquals(List.of("message 1", "message 2", "message 3", "message 4"), console.exactly("message", 4)
                .stream().map(message -> message.getString("text")).sorted().toList(), "each once on the console");
        visitor.end();
    }
}
