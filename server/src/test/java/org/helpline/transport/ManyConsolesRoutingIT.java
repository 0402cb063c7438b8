package org.helpline.transport;

import static org.helpline.transport.RoutingIT.away;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.store.CounsellorStore;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A routing round reads the counsellors who may have a place a chunk at a time, the best first, and stops once the
 * head is served (docs/routing.md). Here more counsellors than one chunk come first by routing's preference but cannot
 * take a chat (each is in a long wrap-up); the one counsellor who can is read only in a later chunk, and must still
 * get the chat at once, not at the next read of everyone.
 */
class ManyConsolesRoutingIT {
    private static final int DECOYS = CounsellorStore.READ_CHUNK + 100;
    /** A time (ms) far ahead: a console lease that does not lapse during the test, the latest chat given. */
    private static final long LATER = 4_000_000_000_000L;
    private static final Pattern AVAILABLE = Pattern.compile("(?m)^helpline_counsellors_available(\\{[^}]*})? (\\S+)");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        List<Counsellor> counsellors = new ArrayList<>();
        counsellors.add(TestConfig.counsellor("many.last", 1));
        for (int i = 0; i < DECOYS; i++) {
            counsellors.add(TestConfig.counsellor("many.decoy." + i, 1));
        }
        return ConfigBuilder.from(TestConfig.withCounsellors(counsellors.toArray(Counsellor[]::new))).build();
    }

    private static double availableGauge() {
        Matcher matcher = AVAILABLE.matcher(helpline.get(0, "/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : -1;
    }

    @Test
    void theOnlyCounsellorWhoCanTakeTheChatGetsItFromALaterChunk() {
        TestSocket last = helpline.availableConsole(0, "many.last", TestConfig.PASSWORD);
        helpline.inRedis(redis -> {
            // given a chat after everyone else: routing's preference reads them last
            redis.hset(Keys.counsellor("many.last"), "lastAssignedAt", Long.toString(LATER));
            for (int i = 0; i < DECOYS; i++) {
                String id = "many.decoy." + i;
                redis.hset(Keys.counsellor(id), "status", "available");
                redis.hset(Keys.counsellor(id), "capacity", "1");
                redis.sadd(Keys.AVAILABLE_COUNSELLORS, id);
                redis.zadd(Keys.consoles(id), LATER, "seeded-console");
                redis.psetex(Keys.wrapUp(id), 3_600_000, "1");
            }
            redis.publish(Keys.ROUTING_CHANNEL, "available|many.last");
            for (int i = 0; i < DECOYS; i++) {
                redis.publish(Keys.ROUTING_CHANNEL, "available|many.decoy." + i);
            }
            return null;
        });
        Waits.until(() -> availableGauge() == DECOYS + 1, 10, "the node's board to know every counsellor");
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        // well before the node's next read of every counsellor (every 15 s), which would find them too
        Waits.until(() -> last.count("assigned") > 0, 5, "the chat assigned from a later chunk");
        assertEquals(visitor.conversation(), last.next("assigned").getString("conversation"));
        away(last);
        visitor.end();
    }
}
