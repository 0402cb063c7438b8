package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.helpline.domain.Side;
import org.helpline.store.Keys;
import org.helpline.store.StoreFixture;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A conversation's feed as a socket uses it, on the stores of a node against a redis-server of their own. */
class ConversationFeedIT {
    private static StoreFixture stores;

    @BeforeAll
    static void startRedis() {
        stores = new StoreFixture(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        stores.close();
    }

    /**
     * The feed lets an event go once it has delivered it, the last one too, which it used to keep until the next
     * event came (seconds later in a chat): at thousands of chats the collector copied those events at every young
     * collection and moved them to the old generation (docs/performance.md). The first event may come while the feed
     * still reads the log on opening (it then waits behind that read), the second when nothing is pending. The events
     * are {@code typing}: delivered as the very object the feed parsed (a sealed message would be delivered as an
     * opened copy, and what the feed holds would not be what this test watches).
     */
    @Test
    void aDeliveredEventIsNotKeptUntilTheNextComes() throws Exception {
        String conversation = "feed-lets-go";
        stores.start(conversation, StoreFixture.triage(false));
        BlockingQueue<WeakReference<JsonObject>> delivered = new LinkedBlockingQueue<>();
        Context socket = stores.vertx.getOrCreateContext(); // one context, as a socket's feed has
        Promise<ConversationFeed> subscribed = Promise.promise();
        socket.runOnContext(ignored -> ConversationFeed.subscribe(conversation, Side.COUNSELLOR, 0,
                stores.conversations, stores.events, event -> delivered.add(new WeakReference<>(event)))
                .onComplete(subscribed));
        ConversationFeed feed = Waits.await(subscribed.future(), 10);
        List<WeakReference<JsonObject>> events = new ArrayList<>();
        socket.runOnContext(ignored -> feed.open());
        for (int i = 0; i < 2; i++) {
            stores.connections.lanes().shared().publish(Keys.conversationChannel(conversation),
                    new JsonObject().put("type", "typing").put("from", "visitor").encode()).get(10, TimeUnit.SECONDS);
            events.add(delivered.poll(10, TimeUnit.SECONDS));
            assertNotNull(events.get(i), "event " + i + " delivered");
        }
        Waits.until(() -> {
            System.gc();
            return events.stream().allMatch(event -> event.get() == null);
        }, 5, "the delivered events collected");
        socket.runOnContext(ignored -> feed.close());
    }
}
