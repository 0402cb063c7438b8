package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.helpline.store.Keys;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staff socket subscribes to its events before it reads what it shows in {@code welcome}, so that nothing is missed;
 * what comes in between still reaches the page after {@code welcome}, never before it: events are published every few
 * tenths of a millisecond on the counsellor's and the supervisors' channels while consoles and dashboards authenticate.
 */
class WelcomeFirstIT {
    private static final String COUNSELLOR = "welcome.amina";
    private static final String SUPERVISOR = "welcome.supervisor";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 1), TestConfig.supervisor(SUPERVISOR)));

    @Test
    void aConsoleGetsWelcomeFirstThenWhatWasPublishedMeanwhile() throws Exception {
        String released = new JsonObject().put("type", "released").put("conversation", "c-0000000000000000000001")
                .put("reason", "offline").encode();
        firstFramesWhilePublishing(Keys.counsellorChannel(COUNSELLOR), released, "/ws/console", COUNSELLOR,
                "released");
    }

    @Test
    void aDashboardGetsWelcomeAndItsFirstDashboardFirstThenTheAlertsRaisedMeanwhile() throws Exception {
        String alert = new JsonObject().put("type", "alert").put("kind", "help").put("at", 1).encode();
        firstFramesWhilePublishing(Keys.SUPERVISORS_CHANNEL, alert, "/ws/supervisor", SUPERVISOR, "alert");
    }

    /** Five authentications while {@code event} is published on {@code channel} about every 0.3 ms. */
    private static void firstFramesWhilePublishing(String channel, String event, String path, String account,
                                                   String eventType) throws Exception {
        AtomicBoolean publishing = new AtomicBoolean(true);
        RedisClient client = RedisClient.create(helpline.redis().url());
        Thread publisher = new Thread(() -> {
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                while (publishing.get()) {
                    connection.sync().publish(channel, event);
                    LockSupport.parkNanos(200_000); // a few in the window, not a flood for the socket
                }
            }
        });
        publisher.start();
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                String token = helpline.login(0, account, TestConfig.PASSWORD);
                TestSocket socket = helpline.socket(0, path);
                socket.send(new JsonObject().put("type", "auth").put("token", token));
                assertEquals("welcome", socket.take(frame -> true, "the first frame").getString("type"));
                if ("/ws/supervisor".equals(path)) {
                    assertEquals("dashboard", socket.take(frame -> true, "the second frame").getString("type"));
                }
                socket.next(eventType); // what was published meanwhile, or since, comes after
                socket.close();
            }
        } finally {
            publishing.set(false);
            publisher.join();
            client.shutdown();
        }
    }
}
