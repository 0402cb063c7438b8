package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.config.AbuseSettings;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A round reads the best 32 counsellors first; a head longer than they can take one chat each must not give some of
 * them a second chat while others, not read yet, have none (docs/routing.md): the round reads on while one not read
 * may be preferred. Here 40 chats wait while 60 counsellors of capacity 2 are all in wrap-up; the wrap-ups end
 * together, by themselves (one expiry time for all), with no event, and the round at their end gives the 40 chats to
 * 40 counsellors, one each.
 */
class FairFirstReadRoutingIT {
    private static final int COUNSELLORS = 60;
    private static final int CHATS = 40;
    /** A console lease that does not lapse during the test (ms). */
    private static final long LATER = 4_000_000_000_000L;
    /** Long enough for the 40 chats to start and wait first. */
    private static final long WRAP_UPS_END_IN_MILLIS = 8_000;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        List<Counsellor> counsellors = new ArrayList<>();
        for (int i = 0; i < COUNSELLORS; i++) {
            counsellors.add(TestConfig.counsellor(id(i), 2));
        }
        HelplineConfig base = TestConfig.withCounsellors(counsellors.toArray(Counsellor[]::new));
        // 40 chats from one test machine: not a flood
        return ConfigBuilder.from(base).abuse(new AbuseSettings(1000, 1000, 1000, Duration.ofHours(1))).build();
    }

    private static String id(int i) {
        return "fair." + i;
    }

    @Test
    void aHeadLongerThanTheFirstReadIsSharedOneChatEachBeforeAnyoneGetsASecond() {
        helpline.inRedis(redis -> {
            for (int i = 0; i < COUNSELLORS; i++) {
                // what a login writes: the claim needs each of these
                redis.hset(Keys.counsellor(id(i)), Map.of("status", "available", "capacity", "2", "name", id(i),
                        "association", TestConfig.DIRECT));
                redis.sadd(Keys.AVAILABLE_COUNSELLORS, id(i));
                redis.zadd(Keys.consoles(id(i)), LATER, "seeded-console");
            }
            for (int i = 0; i < COUNSELLORS; i++) {
                redis.publish(Keys.ROUTING_CHANNEL, "available|" + id(i));
            }
            return null;
        });
        Waits.until(() -> helpline.availableCounsellorsGauge(0) == COUNSELLORS, 10,
                "the node's board to know every counsellor");
        // every wrap-up ends at the same moment, by Redis's clock, once every chat below waits
        helpline.inRedis(redis -> {
            long endsAt = Long.parseLong(redis.time().get(0)) * 1000 + WRAP_UPS_END_IN_MILLIS;
            for (int i = 0; i < COUNSELLORS; i++) {
                redis.set(Keys.wrapUp(id(i)), "1");
                redis.pexpireat(Keys.wrapUp(id(i)), endsAt);
            }
            return null;
        });
        List<Helpline.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < CHATS; i++) {
            visitors.add(helpline.visitor(0, new JsonObject()));
        }
        Waits.until(() -> helpline.inRedis(redis -> redis.zcard(Keys.QUEUE)) == CHATS, 10,
                "every chat waiting: everyone is in wrap-up");
        Waits.until(() -> helpline.inRedis(redis -> redis.zcard(Keys.QUEUE)) == 0, 20, "every chat given");
        List<Long> held = helpline.inRedis(redis -> {
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < COUNSELLORS; i++) {
                counts.add(redis.scard(Keys.counsellorConversations(id(i))));
            }
            return counts;
        });
        assertEquals(CHATS, held.stream().mapToLong(Long::longValue).sum(), "every chat held: " + held);
        assertEquals(1, held.stream().mapToLong(Long::longValue).max().orElse(0),
                "nobody has a second chat while others have none: " + held);
        visitors.forEach(Helpline.Visitor::end);
    }
}
