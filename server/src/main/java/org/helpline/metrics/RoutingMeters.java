package org.helpline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.helpline.domain.OfferRelease;

/**
 * Routing counters and the wait-time histogram. Tags are bounded: {@code association} (configured ids),
 * {@code outcome} and {@code reason} (fixed words). Each node counts what it processed; Prometheus sums the nodes.
 * The re-queue reasons show from start at 0.
 */
public final class RoutingMeters {
    public static final String OFFERS = "helpline.offers";
    public static final String REQUEUES = "helpline.requeues";
    public static final String WAIT = "helpline.queue.wait";
    private static final String COUNSELLOR_GONE = "counsellor-gone";

    private final MeterRegistry registry;
    private final Duration serviceLevel;

    /** {@code serviceLevel}: the dashboard's target, kept as an exact bucket of the wait histogram. */
    public RoutingMeters(MeterRegistry registry, Duration serviceLevel) {
        this.registry = registry;
        this.serviceLevel = serviceLevel;
        for (OfferRelease how : OfferRelease.values()) {
            requeues(how.wireName());
        }
        requeues(COUNSELLOR_GONE);
    }

    /** A chat offered to a counsellor of this association. */
    public void offered(String association) {
        offer(association, "offered");
    }

    public void accepted(String association) {
        offer(association, "accepted");
    }

    /** An offer declined or expired: counted as the offer's outcome, and as a chat given back to the queue. */
    public void released(String association, OfferRelease how) {
        offer(association, how.wireName());
        requeues(how.wireName()).increment();
    }

    /** Chats a counsellor held or was offered, back in the queue because her presence ran out. */
    public void counsellorGone(long chats) {
        requeues(COUNSELLOR_GONE).increment(chats);
    }

    private void offer(String association, String outcome) {
        Counter.builder(OFFERS).description("Chat offers to counsellors, by outcome")
                .tag("association", association).tag("outcome", outcome).register(registry).increment();
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
