package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.FlushMode;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scripts as one Redis function library, on a real Redis: loaded at start (again: nothing changes), still there
 * when Redis comes back from a restart, before any call could load it, and loaded again by a call that finds it gone.
 */
class ScriptLibraryIT {
    private static StoreFixture fixture;
    private static Scripts scripts;
    private static ClientStore clients;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        fixture = new StoreFixture(Duration.ofMinutes(30));
        scripts = new Scripts(fixture.connections.lanes(), fixture.bridge);
        clients = new ClientStore(fixture.connections.commands().async(), fixture.bridge, scripts, Clock.systemUTC(),
                Duration.ZERO);
        redis = fixture.connections.commands().sync();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theLibraryIsLoadedOnceKeptAcrossARestartAndLoadedAgainWhenGone() {
        StoreFixture.await(scripts.loadAll());
        StoreFixture.await(scripts.loadAll()); // a second node of the same version
        assertEquals(List.of(library()), libraries(), "one library, this version's");

        fixture.redis.stop();
        fixture.redis.restart();
        Waits.until(() -> {
            try {
                return libraries().equals(List.of(library()));
            } catch (RuntimeException notBackYet) {
                return false;
            }
        }, 10, "Redis back, with the library");
        assertEquals(0L, StoreFixture.await(clients.forgetExpired(Map.of("nobody", "{}"))), "a call runs");

        redis.functionFlush(FlushMode.SYNC);
        assertTrue(libraries().isEmpty(), "gone");
        assertEquals(0L, StoreFixture.await(clients.forgetExpired(Map.of("nobody", "{}"))), "loaded by the call");
        assertEquals(List.of(library()), libraries());
    }

    private static String library() {
        return "helpline_" + Scripts.LIBRARY.version();
    }

    /** The names of the libraries Redis holds. */
    private static List<String> libraries() {
        return redis.functionList().stream().map(library -> String.valueOf(library.get("library_name"))).toList();
    }
}
