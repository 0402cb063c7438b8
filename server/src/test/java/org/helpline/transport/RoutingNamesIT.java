package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.config.HelplineConfig;
import org.helpline.store.CounsellorStore;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A name given on the routing channel is never dropped (docs/routing.md): when more counsellors are named between
 * two rounds than one script call reads, those past the first chunk are read by the next round, not left for the
 * next read of everyone (up to 15 s). Here a burst names more counsellors than two chunks; the last one named is the
 * only one who can take a chat (the others are in a long wrap-up), and must get it well before that read.
 */
class RoutingNamesIT {
    private static final int DECOYS = 2 * CounsellorStore.READ_CHUNK;
    private static final String LAST = "names.last";
    /** A time (ms) far ahead: a console lease that does not lapse during the test. */
    private static final long LATER = 4_000_000_000_000L;
    private static final Pattern SMEMBERS = Pattern.compile("cmdstat_smembers:calls=(\\d+)");
    /**
     * Seeds each counsellor of KEYS (hash, consoles, wrap-up, by threes; ARGV[1] the association, then the ids) as
     * {@code set_availability} and a console would, and names them all at once.
     */
    private static final String SEED_AND_NAME = """
            local ids = {unpack(ARGV, 2)}
            for i, id in ipairs(ids) do
              local hash, consoles, wrapUp = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
              redis.call('HSET', hash, 'status', 'available', 'capacity', '1', 'name', id, 'association', ARGV[1])
              redis.call('SADD', 'hl:counsellors:available', id)
              redis.call('ZADD', consoles, '4000000000000', 'seeded-console')
              if id ~= 'names.last' then
                redis.call('PSETEX', wrapUp, 3600000, '1')
              end
            end
            for _, id in ipairs(ids) do
              redis.call('PUBLISH', 'hl:events:routing', 'available|' .. id)
            end
            return #ids
            """;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        return ConfigBuilder.from(TestConfig.withCounsellorAndDecoys(LAST, "names.decoy.", DECOYS)).build();
    }

    /** How many times the node has read the set of every available counsellor (its read of everyone). */
    private static long wholeReads() {
        Matcher matcher = SMEMBERS.matcher(helpline.inRedis(redis -> redis.info("commandstats")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    @Test
    void counsellorsNamedPastTheFirstChunkAreReadByTheNextRound() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DECOYS; i++) {
            ids.add("names.decoy." + i);
        }
        ids.add(LAST); // named last: past the first chunk of the round that reads the burst
        List<String> keys = new ArrayList<>();
        ids.forEach(id -> keys.addAll(List.of(Keys.counsellor(id), Keys.consoles(id), Keys.wrapUp(id))));
        List<String> args = new ArrayList<>(List.of(TestConfig.DIRECT));
        args.addAll(ids);
        long before = wholeReads();
        // just after a read of everyone: the next is 15 s away, so only the names can bring the board up to date
        Waits.until(() -> wholeReads() > before, 20, "the node's read of every available counsellor");
        helpline.inRedis(redis -> redis.eval(SEED_AND_NAME, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                args.toArray(String[]::new)));
        Waits.until(() -> helpline.availableCounsellorsGauge(0), gauge -> gauge == DECOYS + 1, 5,
                "the node's board to know every counsellor named");
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        Waits.until(() -> LAST.equals(helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()),
                "counsellor"))), 5, "the chat given to the last counsellor named");
        assertEquals(LAST, helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()),
                "counsellor")));
        visitor.end();
    }
}
