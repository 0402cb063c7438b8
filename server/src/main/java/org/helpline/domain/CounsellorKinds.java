package org.helpline.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/** Counsellors grouped by {@link CounsellorKind}, each group in the order given ({@link StepRouting#targets}). */
public final class CounsellorKinds {
    private final List<List<Counsellor>> groups;

    public CounsellorKinds(Collection<Counsellor> counsellors) {
        this.groups = List.copyOf(counsellors.stream()
                .collect(Collectors.groupingBy(CounsellorKind::of, LinkedHashMap::new, Collectors.toList()))
                .values());
    }

    /** The groups, each non-empty and all of one kind. */
    List<List<Counsellor>> groups() {
        return groups;
    }
}
