package org.helpline.domain;

import java.util.List;

/** Outcome tags shown together, e.g. "Who was helped": woman, man, child. */
public record OutcomeTagGroup(String id, String label, List<OutcomeTag> tags) {
    public OutcomeTagGroup {
        tags = List.copyOf(tags);
    }
}
