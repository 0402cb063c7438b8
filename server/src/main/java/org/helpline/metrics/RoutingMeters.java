package org.helpline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Routing counters and the wait-time histogram. Tags are bounded: {@code association} (configured ids),
 * {@code outcome} and {@code reason} (fixed words). Each node counts what it processed; Prometheus sums the nodes.
 * The re-queue reasons show from start at 0.
 */
public final class RoutingMeters {
    public static final String OFFERS = "helpline.offers";
    public static final String REQUEUES = "helpline.requeues";
    public static final String WAIT = "helpline.queue.wait";

    private final MeterRegistry registry;
    private final Duration serviceLevel;

    /** {@code serviceLevel}: the dashboard's target, kept as an exact bucket of the wait histogram. */
    public RoutingMeters(MeterRegistry registry, Duration serviceLevel) {
        this.registry = registry;
        this.serviceLevel = serviceLevel;
        for (String reason : new String[]{"declined", "expired", "counsellor-gone"}) {
            requeues(reason);
        }
    }

    /** {@code outcome}: offered, accepted, declined, expired. */
    public void offer(String association, String outcome) {
        Counter.builder(OFFERS).description("Chat offers to counsellors, by outcome")
                .tag("association", association).tag("outcome", outcome).register(registry).increment();
    }

    /** {@code reason}: declined, expired, counsellor-gone. */
    public void requeued(String reason, long count) {
        requeues(reason).increment(count);
    }

    private Counter requeues(String reason) {
        return Counter.builder(REQUEUES).description("Chats given back to the queue, by reason")
                .tag("reason", reason).register(registry);
    }

    /** How long a chat waited before a counsellor took it (assigned directly, accepted or picked). */
    public void waited(String association, Duration waited) {
        Timer.builder(WAIT).description("Time from arrival to a counsellor taking the chat")
                .tag("association", association).publishPercentileHistogram().serviceLevelObjectives(serviceLevel)
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry).record(waited);
    }
}
