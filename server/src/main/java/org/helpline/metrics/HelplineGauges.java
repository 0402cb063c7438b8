package org.helpline.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The helpline's own gauges. Their values are sampled from Redis by the node's dispatcher (a gauge must never call
 * Redis from a scrape). Names are dotted lower case; Prometheus shows them with underscores.
 */
public final class HelplineGauges {
    public static final String WAITING = "helpline.conversations.waiting";
    public static final String ACTIVE = "helpline.conversations.active";
    public static final String AVAILABLE = "helpline.counsellors.available";

    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong available = new AtomicLong();

    public HelplineGauges(MeterRegistry registry) {
        Gauge.builder(WAITING, waiting, AtomicLong::get)
                .description("Conversations waiting in the queue for a counsellor").register(registry);
        Gauge.builder(ACTIVE, active, AtomicLong::get)
                .description("Conversations assigned to a counsellor and not ended").register(registry);
        Gauge.builder(AVAILABLE, available, AtomicLong::get)
                .description("Counsellors marked available with a live console").register(registry);
    }

    public void update(long waitingNow, long activeNow, long availableNow) {
        waiting.set(waitingNow);
        active.set(activeNow);
        available.set(availableNow);
    }
}
