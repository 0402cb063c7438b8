package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.domain.DashboardReading;
import org.helpline.domain.ServiceCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's read of a big helpline, against a real redis-server: 1,234 counsellors and 1,234 active chats, read
 * {@link DashboardStore#BATCH} at a time (no script holds Redis for all of them: three batches of each and more),
 * each counsellor and each chat once.
 */
class DashboardBatchesIT {
    private static final int MANY = 1_234;
    private static final StoreFixture STORES = new StoreFixture(Duration.ofMinutes(30));

    @AfterAll
    static void close() throws Exception {
        STORES.close();
    }

    @Test
    void everyCounsellorAndEveryActiveChatIsReadOnceABatchAtATime() {
        List<String> counsellors = new ArrayList<>();
        RedisClient client = RedisClient.create(STORES.redis.url());
        try (var connection = client.connect()) {
            var redis = connection.sync();
            for (int i = 0; i < MANY; i++) {
                String id = "batch.counsellor." + i;
                counsellors.add(id);
                redis.hset(Keys.counsellor(id), Map.of("status", i % 2 == 0 ? "available" : "away"));
                String chat = "batch-chat-" + i;
                redis.hset(Keys.conversation(chat), Map.of("status", "active", "association", "a", "counsellorName",
                        "C", "createdAt", "1000", "answeredAt", "2000", "danger", i == 7 ? "1" : "0"));
                redis.sadd(Keys.ACTIVE_CONVERSATIONS, chat);
            }
        } finally {
            client.shutdown();
        }
        DashboardStore store = new DashboardStore(new Scripts(STORES.connections.lanes(), STORES.bridge),
                ServiceCalendar.UTC);
        Instant now = Instant.now();
        DashboardReading reading = StoreFixture.await(store.read(now, Duration.ofMinutes(1),
                now.minus(Duration.ofMinutes(10)), counsellors));

        assertEquals(MANY, reading.presence().size());
        assertEquals(MANY / 2, reading.presence().values().stream().filter(DashboardReading.Presence::available)
                .count());
        assertEquals(MANY, reading.active().size());
        Set<String> chats = new HashSet<>();
        reading.active().forEach(chat -> chats.add(chat.conversation()));
        assertEquals(MANY, chats.size(), "each chat once");
        assertTrue(reading.active().stream().anyMatch(chat -> "batch-chat-7".equals(chat.conversation())
                && chat.inDanger()));
        assertTrue(MANY > DashboardStore.BATCH * 2, "more than two batches");
    }
}
