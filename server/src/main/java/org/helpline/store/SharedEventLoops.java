package org.helpline.store;

import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.TimeUnit;

/**
 * Lends the node's Vert.x event loops to Lettuce: the Redis sockets are then read and written by threads of the node
 * instead of Lettuce threads of their own, so that with one event loop ({@code http.eventLoops}) a command, its reply
 * and the messages it publishes cross no thread (docs/performance.md, "The node on one thread"). Lettuce releases and
 * shuts down nothing here: Vert.x owns these loops and closes them itself.
 */
final class SharedEventLoops implements EventLoopGroupProvider {
    /** Lettuce's own I/O threads, where it cannot share (they would then be the only ones serving Redis). */
    private static final int OWN_THREADS = 2;

    private final EventLoopGroup loops;

    private SharedEventLoops(EventLoopGroup loops) {
        this.loops = loops;
    }

    /**
     * Lends Vert.x's loops to the resources being built when both run Netty's epoll transport (the node asks Vert.x
     * for its native transport, and only epoll's is shipped; a channel can only join a loop of its own transport),
     * else gives Lettuce threads of its own, as on a machine without epoll.
     */
    static DefaultClientResources.Builder lend(Vertx vertx, DefaultClientResources.Builder resources) {
        if (vertx.isNativeTransportEnabled() && EpollProvider.isAvailable()) {
            return resources.eventLoopGroupProvider(
                    new SharedEventLoops(((VertxInternal) vertx).nettyEventLoopGroup()));
        }
        return resources.ioThreadPoolSize(OWN_THREADS);
    }

    @Override
    @SuppressWarnings("unchecked") // Lettuce asks for its transport's group class; Vert.x's group serves that transport
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        return (T) loops;
    }

    @Override
    public int threadPoolSize() {
        return 0;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
