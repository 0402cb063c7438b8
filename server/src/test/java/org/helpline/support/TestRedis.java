package org.helpline.support;

import java.nio.file.Path;
import java.util.UUID;
import org.helpline.store.EmbeddedRedis;

/** A real redis-server for one test class, on its own free port, with its data under target/. */
public final class TestRedis {
    private TestRedis() {
    }

    public static EmbeddedRedis start() {
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "redis-" + UUID.randomUUID());
        return EmbeddedRedis.start(data);
    }
}
