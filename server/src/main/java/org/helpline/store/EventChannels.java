package org.helpline.store;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * This node's Redis pub/sub: one connection, each channel subscribed once however many local sockets listen, every
 * event handed to each listener on the Vert.x context that registered it. Pub/sub is at-most-once, so listeners are
 * also told to catch up (from the durable log) whenever the connection comes back after a drop.
 */
public final class EventChannels {
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final RedisBridge bridge;
    private final Vertx vertx;
    private final Map<String, ChannelListeners> channels = new HashMap<>();

    public EventChannels(Vertx vertx, StatefulRedisPubSubConnection<String, String> connection, RedisBridge bridge) {
        this.vertx = vertx;
        this.connection = connection;
        this.bridge = bridge;
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                dispatch(channel, message);
            }
        });
    }

    /**
     * Listens to a channel. The future completes once Redis has confirmed the subscription, so that a caller who
     * then reads the log cannot miss an event published in between, and on the caller's context (the subscription of
     * a channel is shared with whoever asked first, on another event loop maybe).
     */
    public Future<Subscription> subscribe(String channel, Consumer<String> onEvent, Runnable onCatchUp) {
        Listener listener = new Listener(vertx.getOrCreateContext(), onEvent, onCatchUp);
        Future<Void> ready;
        synchronized (channels) {
            ChannelListeners existing = channels.get(channel);
            if (existing == null) {
                existing = new ChannelListeners(bridge.toFuture(connection.async().subscribe(channel)));
                channels.put(channel, existing);
            }
            existing.listeners.add(listener);
            ready = existing.subscribed;
        }
        Subscription subscription = new Subscription(channel, listener);
        Promise<Subscription> onCallersContext = Promise.promise();
        ready.onComplete(confirmed -> listener.context.runOnContext(ignored -> {
            if (confirmed.succeeded()) {
                onCallersContext.complete(subscription);
            } else {
                subscription.cancel();
                onCallersContext.fail(confirmed.cause());
            }
        }));
        return onCallersContext.future();
    }

    /**
     * Asks every listener to catch up: called when the pub/sub connection has been re-established. Lettuce has then
     * sent its own re-subscriptions, but a catch-up read on a command connection could reach Redis before them, and an
     * event published in between would be in neither. So every channel is subscribed again here (Redis confirms a
     * channel already subscribed without change) and the listeners catch up once Redis has confirmed, or once that
     * failed (the connection dropped again: its next return catches up again).
     */
    public void catchUpAll() {
        List<Listener> all = new ArrayList<>();
        String[] subscribed;
        synchronized (channels) {
            channels.values().forEach(channel -> all.addAll(channel.listeners));
            subscribed = channels.keySet().toArray(String[]::new);
        }
        if (subscribed.length == 0) {
            return;
        }
        bridge.toFuture(connection.async().subscribe(subscribed)).onComplete(confirmed -> {
            unsubscribeLeft(subscribed);
            all.forEach(listener -> listener.run(listener.onCatchUp));
        });
    }

    /** Channels among {@code subscribed} whose last listener left while they were subscribed again: unsubscribed. */
    private void unsubscribeLeft(String[] subscribed) {
        synchronized (channels) {
            String[] left = Arrays.stream(subscribed).filter(channel -> !channels.containsKey(channel))
                    .toArray(String[]::new);
            if (left.length > 0) {
                connection.async().unsubscribe(left);
            }
        }
    }

    private void dispatch(String channel, String message) {
        List<Listener> targets;
        synchronized (channels) {
            ChannelListeners listeners = channels.get(channel);
            if (listeners == null) {
                return;
            }
            targets = List.copyOf(listeners.listeners);
        }
        for (Listener listener : targets) {
            listener.run(() -> listener.onEvent.accept(message));
        }
    }

    private void remove(String channel, Listener listener) {
        synchronized (channels) {
            listener.active = false;
            ChannelListeners listeners = channels.get(channel);
            if (listeners != null && listeners.listeners.remove(listener) && listeners.listeners.isEmpty()) {
                channels.remove(channel);
                connection.async().unsubscribe(channel);
            }
        }
    }

    /** One local listener's registration; cancel it when the socket goes away. */
    public final class Subscription {
        private final String channel;
        private final Listener listener;

        private Subscription(String channel, Listener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        public void cancel() {
            remove(channel, listener);
        }
    }

    private static final class ChannelListeners {
        final Future<Void> subscribed;
        final List<Listener> listeners = new ArrayList<>();

        ChannelListeners(Future<Void> subscribed) {
            this.subscribed = subscribed;
        }
    }

    private static final class Listener {
        final Context context;
        final Consumer<String> onEvent;
        final Runnable onCatchUp;
        volatile boolean active = true;

        Listener(Context context, Consumer<String> onEvent, Runnable onCatchUp) {
            this.context = context;
            this.onEvent = onEvent;
            this.onCatchUp = onCatchUp;
        }

        /**
         * Runs {@code action} on the listener's context while it listens. Once Vert.x has closed (a node on its way
         * out, whose Redis connections close after it) there is no one left to hear: the event is dropped, not
         * thrown back into Lettuce's thread.
         */
        void run(Runnable action) {
            try {
                context.runOnContext(ignored -> {
                    if (active) {
                        action.run();
                    }
                });
            } catch (RejectedExecutionException closed) {
                active = false;
            }
        }
    }
}
