package org.helpline.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the triage (a role or a topic): its wire id, the label staff see (counsellor console, supervisor
 * page) and, when the visitor page offers it, the first-person wording visitors see. Labels are by language code.
 */
public record TriageChoice(String id, Map<String, String> staff, Map<String, String> visitor) {

    public TriageChoice {
        Objects.requireNonNull(id, "id");
        staff = Collections.unmodifiableMap(new LinkedHashMap<>(staff));
        visitor = visitor == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(visitor));
    }

    /** Whether the visitor page offers this answer (it has a visitor label); staff see every answer. */
    public boolean offeredToVisitors() {
        return !visitor.isEmpty();
    }
}
