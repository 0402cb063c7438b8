package org.helpline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Redis is. When {@code url} is empty the server starts its own redis-server on a free loopback port, with
 * append-only persistence in {@code embeddedDataDirectory}. {@code commandConnections}: how many connections a node
 * sends its commands on (see {@code RedisLanes}).
 */
public record RedisSettings(Optional<String> url, Duration commandTimeout, int requestQueueSize,
                            int commandConnections, Path embeddedDataDirectory) {
    public boolean embedded() {
        return url.isEmpty();
    }

    public RedisSettings withUrl(String newUrl) {
        return new RedisSettings(Optional.of(newUrl), commandTimeout, requestQueueSize, commandConnections,
                embeddedDataDirectory);
    }
}
