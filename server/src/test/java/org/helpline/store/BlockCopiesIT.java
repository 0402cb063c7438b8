package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.helpline.auth.Secrets;
import org.helpline.domain.ClientKey;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A block following its client to the keys of later days ({@code carry_block.lua}) and lifted
 * ({@code lift_block.lua}), on a real Redis: only a key's own block is carried, never a copy; a copy never replaces a
 * later key's own block; a lift takes every copy, also one an older node carried on from a copy, and no other block.
 * Expired blocks leave the list when it is read, or at the retention sweep after they end, but not a block made
 * again on the same key since.
 */
class BlockCopiesIT {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static StoreFixture fixture;
    private static ClientStore clients;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        fixture = new StoreFixture(Duration.ofMinutes(30));
        clients = new ClientStore(fixture.connections.commands().async(), fixture.bridge,
                new Scripts(fixture.connections.lanes(), fixture.bridge), Clock.systemUTC(), Duration.ZERO);
        redis = fixture.connections.commands().sync();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aCopyIsNeverCarriedOnAndNeverReplacesALaterKeysOwnBlock() {
        ClientKey made = key(2);
        ClientKey copied = key(1);
        ClientKey later = key(0);
        block(made, Duration.ofHours(40));
        assertTrue(StoreFixture.await(clients.carryBlock(made, copied)));
        assertEquals(redis.get(Keys.client(made, "block")), redis.get(Keys.client(copied, "block")), "carried");

        assertFalse(StoreFixture.await(clients.carryBlock(copied, later)), "a copy is not carried on");
        assertEquals(0L, redis.exists(Keys.client(later, "block"), Keys.client(copied, "carried")));

        ClientKey ownBlock = key(0);
        block(ownBlock, Duration.ofMinutes(10));
        String own = redis.get(Keys.client(ownBlock, "block"));
        assertTrue(StoreFixture.await(clients.carryBlock(made, ownBlock)), "blocked under the earlier key");
        assertEquals(own, redis.get(Keys.client(ownBlock, "block")), "its own, shorter block stays");
    }

    @Test
    void aLiftTakesEveryCopyAlsoOneCarriedOnFromACopyAndNoOtherBlock() {
        ClientKey made = key(2);
        ClientKey copied = key(1);
        ClientKey copiedOn = key(0);
        ClientKey ownBlock = key(0);
        block(made, Duration.ofHours(40));
        StoreFixture.await(clients.carryBlock(made, copied));
        // as a node did before a copy was no longer carried on: a copy of the copy, recorded with the copy's key
        redis.psetex(Keys.client(copiedOn, "block"), Duration.ofHours(30).toMillis(),
                redis.get(Keys.client(made, "block")));
        redis.sadd(Keys.client(copied, "carried"), copiedOn.value());
        // a later key recorded as carried to, whose block is its own (as a node did before it was left alone)
        block(ownBlock, Duration.ofMinutes(10));
        redis.sadd(Keys.client(made, "carried"), ownBlock.value());

        assertTrue(StoreFixture.await(clients.lift(made.value())));
        assertEquals(0L, redis.exists(Keys.client(made, "block"), Keys.client(copied, "block"),
                Keys.client(copiedOn, "block"), Keys.client(made, "carried")), "the block and every copy");
        assertFalse(redis.hexists(Keys.BLOCKS, made.value()), "no longer listed");
        assertEquals(1L, redis.exists(Keys.client(ownBlock, "block")), "another key's own block stays");
        assertTrue(redis.hexists(Keys.BLOCKS, ownBlock.value()));
        assertFalse(StoreFixture.await(clients.lift(made.value())), "nothing left to lift");
    }

    @Test
    void anExpiredBlockIsForgottenOnlyWhileItsListingIsTheOneRead() {
        long now = Clock.systemUTC().millis();
        ClientKey expired = key(0);
        String expiredListing = listing(expired, now - 1_000).encode();
        redis.hset(Keys.BLOCKS, expired.value(), expiredListing);
        assertTrue(StoreFixture.await(clients.blocks()).stream().noneMatch(block -> block.key().equals(expired)));
        assertFalse(redis.hexists(Keys.BLOCKS, expired.value()), "forgotten once read");

        ClientKey blockedAgain = key(0);
        String readListing = listing(blockedAgain, now - 1_000).encode();
        block(blockedAgain, Duration.ofMinutes(10)); // made again after a read found the old listing expired
        String madeAgain = redis.hget(Keys.BLOCKS, blockedAgain.value());
        assertEquals(0L, StoreFixture.await(clients.forgetExpired(Map.of(blockedAgain.value(), readListing))));
        assertEquals(madeAgain, redis.hget(Keys.BLOCKS, blockedAgain.value()), "the new block stays listed");
    }

    /**
     * A block that ended leaves the supervisors' list at the next retention sweep, unread; a block still running, and
     * one lifted (nothing left to unlist), are as they were.
     */
    @Test
    void anEndedBlockLeavesTheListAtTheNextSweepUnread() {
        ClientKey ending = key(0);
        ClientKey running = key(0);
        ClientKey lifted = key(0);
        block(ending, Duration.ofMillis(300));
        block(running, Duration.ofMinutes(10));
        block(lifted, Duration.ofMillis(300));
        assertTrue(StoreFixture.await(clients.lift(lifted.value())));
        assertNull(redis.zscore(Keys.BLOCK_ENDS, lifted.value()), "a lift unlists it");
        DiskPurgeStore sweeps = new DiskPurgeStore(fixture.connections.commands().async(), fixture.bridge,
                new Scripts(fixture.connections.lanes(), fixture.bridge));
        Waits.until(() -> {
            StoreFixture.await(sweeps.sweep(Duration.ofMinutes(10)));
            return !redis.hexists(Keys.BLOCKS, ending.value());
        }, 10, "the ended block unlisted by a sweep");
        assertTrue(redis.hexists(Keys.BLOCKS, running.value()), "a block still running stays listed");
        assertNull(redis.zscore(Keys.BLOCK_ENDS, ending.value()));
        assertNotNull(redis.zscore(Keys.BLOCK_ENDS, running.value()));
    }

    private static JsonObject listing(ClientKey key, long until) {
        return new ClientBlock(key, until - 60_000, until, "demo.amina", "victim-support", "chat-of-" + key.value())
                .toJson();
    }

    /** A client's key of {@code daysAgo} days before today. */
    private static ClientKey key(int daysAgo) {
        return new ClientKey(Secrets.random(16), TODAY.minusDays(daysAgo));
    }

    /** Blocks {@code key}, whose day's secret lives as long as a day's (drawn by a start of that day). */
    private static void block(ClientKey key, Duration lasting) {
        redis.set(Keys.clientKeySecret(key.day()), Secrets.random(32),
                SetArgs.Builder.nx().ex(ClientKeyStore.LIFETIME.toSeconds()));
        long now = Clock.systemUTC().millis();
        assertTrue(StoreFixture.await(clients.block(new ClientBlock(key, now, now + lasting.toMillis(), "demo.amina",
                "victim-support", "chat-of-" + key.value()))));
    }

    @Test
    void aKeyWhoseDaysSecretExpiredIsNotBlocked() {
        ClientKey stale = key(1);
        redis.del(Keys.clientKeySecret(stale.day()));
        long now = Clock.systemUTC().millis();
        assertFalse(StoreFixture.await(clients.block(new ClientBlock(stale, now, now + 60_000, "demo.amina",
                "victim-support", "chat-of-" + stale.value()))), "no client can be matched to it any more");
        assertEquals(0L, redis.exists(Keys.client(stale, "block")));
        assertFalse(redis.hexists(Keys.BLOCKS, stale.value()), "not listed as if it blocked anyone");
    }
}
