package org.helpline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome tags given to ended chats: one counter per configured tag ({@code tag}: the fixed set of ids in
 * console.yaml), registered at start so that every tag shows, at zero too. Each node counts what it recorded.
 */
public final class OutcomeMeters {
    public static final String TAGS = "helpline.outcome.tags";

    private final Map<String, Counter> counters = new LinkedHashMap<>();

    public OutcomeMeters(MeterRegistry registry, Collection<String> tagIds) {
        for (String tag : tagIds) {
            counters.put(tag, Counter.builder(TAGS).description("Outcome tags given to chats by counsellors")
                    .tag("tag", tag).register(registry));
        }
    }

    /** Counts the tags of one recorded outcome (ids outside the configured set are ignored). */
    public void recorded(Collection<String> tags) {
        for (String tag : tags) {
            Counter counter = counters.get(tag);
            if (counter != null) {
                counter.increment();
            }
        }
    }
}
