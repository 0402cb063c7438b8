package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.resource.EpollProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node's Redis sockets are read by its own Vert.x event loop rather than a Lettuce thread, where both run Netty's
 * epoll transport (docs/performance.md, "The node on one thread").
 */
class RedisConnectionsIT {
    private static StoreFixture stores;

    @BeforeAll
    static void start() {
        stores = new StoreFixture(Duration.ofMinutes(5));
    }

    @AfterAll
    static void close() throws Exception {
        stores.close();
    }

    @Test
    void redisIsReadByTheNodesEventLoop() {
        assumeTrue(stores.vertx.isNativeTransportEnabled() && EpollProvider.isAvailable(), "epoll is not available");
        AtomicReference<String> readBy = new AtomicReference<>();
        var connection = stores.connections.pubSub();
        var listener = new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals("test:reader")) {
                    readBy.set(Thread.currentThread().getName());
                }
            }
        };
        connection.addListener(listener);
        connection.sync().subscribe("test:reader");
        try {
            stores.connections.commands().sync().publish("test:reader", "who reads this?");
            String thread = Waits.until(readBy::get, name -> name != null, 5, "the message was read");
            assertTrue(thread.startsWith("vert.x-eventloop-thread-"), thread);
        } finally {
            connection.sync().unsubscribe("test:reader");
            connection.removeListener(listener);
        }
    }
}
