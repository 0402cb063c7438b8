package org.helpline.domain;

import java.util.Set;

/**
 * A partner association whose counsellors answer chats: what it handles (topics), where (regions, or
 * {@value #NATIONAL}), in which languages, when it is open, how chats reach its counsellors, and whether they may pick
 * from the queue.
 */
public record Association(String id, String name, Set<String> topics, Set<String> regions, Set<String> languages,
                          OpeningHours openingHours, int defaultCapacity, RoutingMode routingMode,
                          boolean allowPick) {
    public static final String NATIONAL = "national";

    public Association {
        topics = Set.copyOf(topics);
        regions = Set.copyOf(regions);
        languages = Set.copyOf(languages);
    }

    public boolean serves(String region) {
        return regions.contains(NATIONAL) || regions.contains(region);
    }
}
