package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A node's board of the counsellors who can be given a chat, as its routing rounds read them, and of those who may
 * have a place for one: a routing round need not read every available counsellor, only those who had a free place
 * when last read (once their wrap-up, if one ran then, has ended: it ends by itself, and no event says so), and those
 * an event named since (a chat ended or was given back, a console came, availability changed, which also ends a
 * wrap-up early). A counsellor whose load went down without an event naming them is seen at the next whole read. Not
 * thread-safe: one routing loop updates it; {@link #reachable()} is a copy others may read.
 */
public final class CounsellorBoard {
    /**
     * A wrap-up that ends this soon is read with those that have ended: the node knows an end as its read's reply
     * came, so wrap-ups that end together in Redis are known a read's latency apart, and the first read after the
     * first end should see them all (one still running is simply not proposed a chat).
     */
    static final Duration READ_AHEAD = Duration.ofMillis(250);

    private final Map<String, ReachableCounsellor> reachable = new LinkedHashMap<>();
    private final Set<String> mayHavePlace = new LinkedHashSet<>();
    private final Set<String> named = new LinkedHashSet<>();

    /** An event says this counsellor's place or presence changed: the next round reads them. */
    public void name(String counsellorId) {
        named.add(counsellorId);
    }

    /** How many counsellors were named since the last read (the first of {@link #toRead}). */
    public int namedCount() {
        return named.size();
    }

    /**
     * The counsellors the next round should read, in the order to read them: those named since the last read, then,
     * when {@code withPlaces} (a round that may assign a chat), those who may have a place at {@code now} (or within
     * {@link #READ_AHEAD}), the best first by routing's preference as last read. Forgets the names given so far
     * (names given while the read is under way are kept for the round after).
     */
    public List<String> toRead(boolean withPlaces, Instant now) {
        Set<String> ids = new LinkedHashSet<>(named);
        named.clear();
        if (withPlaces) {
            withAPlace(now.plus(READ_AHEAD)).sorted(StepRouting.PREFERRED)
                    .forEach(counsellor -> ids.add(counsellor.id()));
        }
        return List.copyOf(ids);
    }

    /** A read of every available counsellor: the board is what it found. */
    public void readAll(List<ReachableCounsellor> found) {
        reachable.clear();
        mayHavePlace.clear();
        found.forEach(this::put);
    }

    /** A read of some counsellors: those asked for and not found are no longer reachable. */
    public void readSome(Collection<String> asked, List<ReachableCounsellor> found) {
        asked.forEach(id -> {
            reachable.remove(id);
            mayHavePlace.remove(id);
        });
        found.forEach(this::put);
    }

    /**
     * A round was to read these counsellors and did not (it stopped at the first chunk, or once the head was served):
     * those the board does not hold as maybe having a place at {@code now} are named again. Returns whether any was.
     */
    public boolean notRead(Collection<String> ids, Instant now) {
        boolean again = false;
        for (String id : ids) {
            if (!mayHavePlace.contains(id) || reachable.get(id).wrappingUpAt(now)) {
                again |= named.add(id);
            }
        }
        return again;
    }

    /**
     * Whether anyone on the board may have a place at {@code now}: a free one as last read, and no wrap-up running then
     * (as read: it may have been ended early since, which an event announces).
     */
    public boolean anyFreePlace(Instant now) {
        return withAPlace(now).findAny().isPresent();
    }

    /**
     * When the first wrap-up of a counsellor who had a free place as last read ends after {@code now}, if any does (and
     * its end is known).
     */
    public Optional<Instant> nextWrapUpEnd(Instant now) {
        return mayHavePlace.stream().map(reachable::get).map(ReachableCounsellor::wrapUpEnds)
                .filter(end -> end.isAfter(now) && end.isBefore(ReachableCounsellor.UNKNOWN_WRAP_UP_END))
                .min(Instant::compareTo);
    }

    /** A counsellor as last read, if the board holds them. */
    public Optional<ReachableCounsellor> lastRead(String counsellorId) {
        return Optional.ofNullable(reachable.get(counsellorId));
    }

    /** The reachable counsellors as last read, in a list of their own. */
    public List<ReachableCounsellor> reachable() {
        return List.copyOf(reachable.values());
    }

    private Stream<ReachableCounsellor> withAPlace(Instant now) {
        return mayHavePlace.stream().map(reachable::get).filter(counsellor -> !counsellor.wrappingUpAt(now));
    }

    private void put(ReachableCounsellor counsellor) {
        reachable.put(counsellor.id(), counsellor);
        if (counsellor.freeCapacity() > 0) {
            mayHavePlace.add(counsellor.id());
        }
    }
}
