package org.helpline.transport;

import static org.helpline.transport.RoutingIT.away;
import static org.helpline.transport.RoutingIT.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.helpline.config.HelplineConfig;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A routing round reads only the counsellors who may have a place (docs/routing.md): every change that gives a
 * counsellor a place or takes their presence away must name them on the routing channel, or a full counsellor freed
 * would wait for the next whole read. Each such change and the event it publishes, and a full counsellor freed by a
 * transfer taking the chat that was waiting.
 */
class RoutingEventsIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, config());

    private RedisClient client;
    private StatefulRedisPubSubConnection<String, String> connection;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private static HelplineConfig config() {
        return ConfigBuilder.from(TestConfig.withCounsellors(
                TestConfig.counsellor("events.a", 1),
                TestConfig.counsellor("events.b", 1),
                TestConfig.counsellor("events.offer", 1, TestConfig.OFFER))).quickTimers().build();
    }

    @BeforeEach
    void listen() {
        client = RedisClient.create(helpline.redis().url());
        connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                events.add(message);
            }
        });
        connection.sync().subscribe(Keys.ROUTING_CHANNEL);
    }

    @AfterEach
    void stopListening() {
        connection.close();
        client.shutdown();
    }

    /** Waits for this event (others published meanwhile are passed over) and returns those passed over. */
    private List<String> expect(String event) {
        List<String> before = new ArrayList<>();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until) {
                String next = events.poll(100, TimeUnit.MILLISECONDS);
                if (event.equals(next)) {
                    return before;
                }
                if (next != null) {
                    before.add(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + event + " on the routing channel; got " + before);
    }

    @Test
    void aChatEndedAndAvailabilityNameTheCounsellor() {
        TestSocket a = helpline.availableConsole(0, "events.a", TestConfig.PASSWORD);
        expect("console|events.a");
        expect("available|events.a");
        Helpline.Visitor visitor = helpline.visitor(1, new JsonObject());
        a.next("assigned");
        visitor.end();
        expect("capacity|events.a");
        away(a);
        expect("away|events.a");
    }

    @Test
    void aFullCounsellorFreedByATransferTakesTheChatWaiting() {
        TestSocket a = helpline.availableConsole(0, "events.a", TestConfig.PASSWORD);
        Helpline.Visitor held = helpline.visitor(1, new JsonObject());
        assertEquals(held.conversation(), a.next("assigned").getString("conversation"));
        TestSocket b = helpline.console(1, "events.b", TestConfig.PASSWORD);
        Helpline.Visitor waiting = helpline.visitor(0, new JsonObject());
        expect("queued");
        a.send(frame("transfer", held.conversation()).put("toCounsellor", "events.b"));
        assertEquals(held.conversation(), b.next("assigned").getString("conversation"));
        expect("capacity|events.a");
        assertEquals(waiting.conversation(), a.next("assigned").getString("conversation"));
        away(a);
        held.end();
        waiting.end();
    }

    @Test
    void aDeclinedOfferAndALapsedPresenceNameTheCounsellor() {
        TestSocket console = helpline.availableConsole(1, "events.offer", TestConfig.PASSWORD);
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        String conversation = console.next("offer").getString("conversation");
        assertEquals(visitor.conversation(), conversation);
        console.send(frame("decline", conversation));
        console.next("offer_withdrawn");
        expect("requeued|events.offer");
        console.close();
        assertNotNull(expect("gone|events.offer"));
        visitor.end();
    }
}
