package org.helpline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The head a routing round reads holds only chats in French, whose first steps ask for a counsellor who speaks it (one
 * is configured, offline), and the counsellor who comes online speaks only English: the chat in English waiting behind
 * the head and a slice more is hers within seconds, not once the French chats' steps have widened to anyone (six
 * minutes with the shipped policy).
 */
class FurtherBackIT {
    private static final int FRENCH = QueueDispatcher.HEAD_SIZE + FurtherBack.SLICE;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("further.english", 1, TestConfig.DIRECT, Set.of("en"), TestConfig.ALL_TOPICS),
            TestConfig.counsellor("further.french", 1, TestConfig.DIRECT, Set.of("fr"), TestConfig.ALL_TOPICS)));

    @Test
    void aChatThatSuitsAFreeCounsellorIsFoundBehindAHeadThatDoesNot() {
        List<Helpline.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < FRENCH; i++) {
            visitors.add(helpline.visitor(0, new JsonObject().put("language", "fr")));
        }
        Helpline.Visitor english = helpline.visitor(0, new JsonObject().put("language", "en"));
        visitors.add(english);

        TestSocket console = helpline.availableConsole(0, "further.english", TestConfig.PASSWORD);
        assertEquals(english.conversation(), console.take(frame -> "assigned".equals(frame.getString("type")),
                "a chat assigned", Duration.ofSeconds(20)).getString("conversation"),
                "the chat in English, two slices behind the head");
        english.socket().next("assigned");
        visitors.forEach(visitor -> visitor.socket().close());
    }
}
