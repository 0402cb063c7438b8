package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Visitors arriving at a steady rate: each millisecond, as many as are due by the time elapsed (so any rate comes out
 * as asked, not rounded to a whole number of milliseconds between them), each told when it was due ({@link Pace}),
 * so that a tick the generator ran late adds its delay to the starts instead of hiding it. One timer at a time: each
 * tick connects those due and sets the next. A periodic timer cancelled from its own tick failed when its first ticks
 * came before {@code setPeriodic} had returned on the calling thread (Vert.x's timer not yet holding its scheduled
 * future): nothing here is cancelled.
 */
final class Arrivals implements Handler<Long> {
    private final LoadClient client;
    private final long visitors;
    private final LongFunction<Future<WebSocket>> visitor;
    private final Pace pace;
    private final List<Future<WebSocket>> sockets = new ArrayList<>();
    private final Promise<Void> launched = Promise.promise();
    private final Promise<Void> connected = Promise.promise();

    private Arrivals(LoadClient client, long visitors, LongFunction<Future<WebSocket>> visitor, double perSecond) {
        this.client = client;
        this.visitors = visitors;
        this.visitor = visitor;
        this.pace = Pace.perSecond(System.nanoTime(), perSecond);
    }

    /**
     * Starts {@code visitors} arrivals at {@code perSecond} a second, the first due now: {@code visitor} connects one,
     * given when it was due.
     */
    static Arrivals start(LoadClient client, long visitors, LongFunction<Future<WebSocket>> visitor,
                          double perSecond) {
        Arrivals arrivals = new Arrivals(client, visitors, visitor, perSecond);
        client.vertx.setTimer(1, arrivals);
        return arrivals;
    }

    /** Completes once every visitor's connection was asked for. */
    Future<Void> launched() {
        return launched.future();
    }

    /** Completes once every visitor's connection succeeded or failed. */
    Future<Void> connected() {
        return connected.future();
    }

    @Override
    public void handle(Long timer) {
        long due = pace.dueBy(System.nanoTime(), visitors);
        while (sockets.size() < due) {
            sockets.add(visitor.apply(pace.due(sockets.size())));
        }
        if (sockets.size() >= visitors) {
            launched.complete();
            Future.join(sockets).onComplete(done -> connected.complete());
        } else {
            client.vertx.setTimer(1, this);
        }
    }
}
