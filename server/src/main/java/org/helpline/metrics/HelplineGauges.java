package org.helpline.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The helpline's gauges. Their values are sampled from Redis by the node's dispatcher once a second (a scrape never
 * calls Redis), so every node reports the same network-wide values. Names are dotted lower case; Prometheus shows
 * them with underscores.
 */
public final class HelplineGauges {
    public static final String WAITING = "helpline.conversations.waiting";
    public static final String ACTIVE = "helpline.conversations.active";
    public static final String AVAILABLE = "helpline.counsellors.available";
    public static final String BUSY = "helpline.counsellors.busy";
    public static final String UTILISATION = "helpline.counsellors.utilisation";
    public static final String WAITING_BY_STEP = "helpline.queue.waiting.step";
    public static final String WAITING_BY_ASSOCIATION = "helpline.queue.waiting.association";

    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong available = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicReference<Double> utilisation = new AtomicReference<>(0.0);
    private final MultiGauge byStep;
    private final MultiGauge byAssociation;

    public HelplineGauges(MeterRegistry registry) {
        Gauge.builder(WAITING, waiting, AtomicLong::get)
                .description("Conversations waiting in the queue for a counsellor").register(registry);
        Gauge.builder(ACTIVE, active, AtomicLong::get)
                .description("Conversations assigned to a counsellor and not ended").register(registry);
        Gauge.builder(AVAILABLE, available, AtomicLong::get)
                .description("Counsellors available with a live console and free capacity").register(registry);
        Gauge.builder(BUSY, busy, AtomicLong::get)
                .description("Counsellors available with a live console and no free capacity").register(registry);
        Gauge.builder(UTILISATION, utilisation, AtomicReference::get)
                .description("Chats held or offered / capacity, over available counsellors").register(registry);
        byStep = MultiGauge.builder(WAITING_BY_STEP).description("Waiting conversations by routing step")
                .register(registry);
        byAssociation = MultiGauge.builder(WAITING_BY_ASSOCIATION)
                .description("Waiting conversations an association's counsellors are eligible for now")
                .register(registry);
    }

    public void update(Sample sample) {
        waiting.set(sample.waiting());
        active.set(sample.active());
        available.set(sample.available());
        busy.set(sample.busy());
        utilisation.set(sample.utilisation());
        byStep.register(sample.waitingByStep().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("step", entry.getKey()), entry.getValue()))
                .toList(), true);
        byAssociation.register(sample.waitingByAssociation().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("association", entry.getKey()), entry.getValue()))
                .toList(), true);
    }

    /** One reading of the network's state. */
    public record Sample(long waiting, long active, long available, long busy, double utilisation,
                        Map<String, Long> waitingByStep, Map<String, Long> waitingByAssociation) {
        public Sample {
            waitingByStep = Map.copyOf(waitingByStep);
            waitingByAssociation = Map.copyOf(waitingByAssociation);
        }
    }
}
