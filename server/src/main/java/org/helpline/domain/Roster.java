package org.helpline.domain;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The counsellor accounts, in their configured order, found by id at once: routing looks up a profile for every
 * counsellor it reads, and a helpline may have thousands. Immutable; ids are unique (the loader refuses duplicates).
 */
public final class Roster extends AbstractList<Counsellor> implements RandomAccess {
    private final List<Counsellor> counsellors;
    private final Map<String, Counsellor> byId = new HashMap<>();

    private Roster(List<Counsellor> counsellors) {
        this.counsellors = List.copyOf(counsellors);
        this.counsellors.forEach(counsellor -> byId.putIfAbsent(counsellor.id(), counsellor));
    }

    public static Roster of(List<Counsellor> counsellors) {
        return counsellors instanceof Roster roster ? roster : new Roster(counsellors);
    }

    /** The counsellor with this id, if there is one. */
    public Optional<Counsellor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Counsellor get(int index) {
        return counsellors.get(index);
    }

    @Override
    public int size() {
        return counsellors.size();
    }
}
