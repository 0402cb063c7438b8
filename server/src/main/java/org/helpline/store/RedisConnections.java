package org.helpline.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.helpline.config.RedisSettings;

/**
 * Owns the Lettuce resources of one node: the client, {@code redis.commandConnections} command connections (each
 * thread-safe, shared, pipelined; see {@link RedisLanes}) and one pub/sub connection, to one Redis or to the primary
 * the Sentinels of a {@code redis-sentinel://} URL name (asked again at each reconnect, so a failover is followed).
 * Their sockets are served by two Lettuce I/O threads of their own, not by the node's event loops: a burst of work on
 * a loop must not leave Redis's replies unread until their commands time out (docs/performance.md, "A burst of
 * visitors and the node on one thread"). Commands time out and the queue of commands waiting for a reconnect is
 * bounded on each connection, both on purpose: Lettuce has neither by default (docs/operations.md, Redis). Opening
 * connects synchronously: call it at start, off any event loop.
 */
public final class RedisConnections {
    /**
     * Reconnect attempts back off to at most one a second (Lettuce's default grows to 30 s), so that a node is back
     * within a second of Redis, or of a Sentinel failover, coming back.
     */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final List<StatefulRedisConnection<String, String>> commands;
    private final RedisLanes lanes;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile Runnable onReconnect = () -> { };

    private RedisConnections(ClientResources resources, RedisClient client,
                             List<StatefulRedisConnection<String, String>> commands,
                             StatefulRedisPubSubConnection<String, String> pubSub) {
        this.resources = resources;
        this.client = client;
        this.commands = List.copyOf(commands);
        this.lanes = new RedisLanes(commands.stream().map(StatefulRedisConnection::async).toList());
        this.pubSub = pubSub;
    }

    public static RedisConnections open(String url, RedisSettings settings) {
        // Lettuce's own per-command latency statistics are read by nobody here (the node counts its Redis calls
        // itself): not recording them saves work on every command
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT_DELAY).commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(settings.commandTimeout());
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .requestQueueSize(settings.requestQueueSize())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5))
                        .keepAlive(true).tcpNoDelay(true).build())
                .build());
        try {
            List<StatefulRedisConnection<String, String>> commands = new ArrayList<>();
            for (int lane = 0; lane < settings.commandConnections(); lane++) {
                commands.add(client.connect());
            }
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            RedisConnections connections = new RedisConnections(resources, client, commands, pubSub);
            pubSub.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    connections.onReconnect.run();
                }
            });
            return connections;
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The first command connection: the lane of work that concerns no one conversation. */
    public StatefulRedisConnection<String, String> commands() {
        return commands.get(0);
    }

    public RedisLanes lanes() {
        return lanes;
    }

    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return pubSub;
    }

    /** Runs after the pub/sub connection comes back from a drop (Lettuce has sent the re-subscriptions by then). */
    public void onPubSubReconnect(Runnable action) {
        this.onReconnect = action;
    }

    /** Closes the connections only: every later command fails (used to simulate a dead node). */
    public CompletableFuture<Void> dropConnections() {
        return pubSub.closeAsync().thenCompose(ignored -> closeCommands());
    }

    private CompletableFuture<Void> closeCommands() {
        return CompletableFuture.allOf(commands.stream().map(StatefulRedisConnection::closeAsync)
                .toArray(CompletableFuture[]::new));
    }

    /** Closes the connections, the client and its threads without blocking the caller. */
    public CompletableFuture<Void> closeAsync() {
        return pubSub.closeAsync()
                .thenCompose(ignored -> closeCommands())
                .thenCompose(ignored -> client.shutdownAsync(0, 2, TimeUnit.SECONDS))
                .thenCompose(ignored -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(future -> done.complete(null));
                    return done;
                });
    }
}
