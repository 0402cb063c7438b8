package org.helpline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Escalations, conversation outcomes and directory reloads. Tags are fixed words: {@code target} (emergency,
 * service), {@code outcome}. Every series shows from start at 0, so that an alert on {@code increase()} sees the first
 * failed escalation too.
 */
public final class EscalationMeters {
    public static final String ESCALATIONS = "helpline.escalations";
    public static final String ENDED = "helpline.conversations.ended";
    public static final String RELOADS = "helpline.directory.reloads";

    private final MeterRegistry registry;

    public EscalationMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : new String[]{"answered", "redirected", "left_after_alternative",
                "left_without_alternative"}) {
            counter(ENDED, "Ended conversations by outcome", "outcome", outcome);
        }
        for (String target : new String[]{"emergency", "service"}) {
            for (String outcome : new String[]{"delivered", "failed", "dropped", "no_webhook", "unconfirmed"}) {
                escalations(target, outcome);
            }
        }
    }

    /**
     * {@code outcome}: delivered, failed, dropped (too many pending), no_webhook; unconfirmed (not written in time: its
     * node stopped), counted by the node that found it so.
     */
    public void escalated(String target, String outcome) {
        escalations(target, outcome).increment();
    }

    /** {@code outcome}: answered, redirected, left_after_alternative, left_without_alternative. */
    public void ended(String outcome) {
        counter(ENDED, "Ended conversations by outcome", "outcome", outcome).increment();
    }

    /** {@code outcome}: ok, rejected. */
    public void reloaded(String outcome) {
        counter(RELOADS, "Hotline directory reloads", "outcome", outcome).increment();
    }

    private Counter escalations(String target, String outcome) {
        return Counter.builder(ESCALATIONS).description("Escalations by target kind and webhook outcome")
                .tag("target", target).tag("outcome", outcome).register(registry);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
