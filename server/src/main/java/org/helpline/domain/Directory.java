package org.helpline.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The hotline directory: which lines exist, and which fit a person's need, open now or at any hour. Countries own
 * region codes (a pattern), so that a visitor's region tells which country's lines apply. Immutable: a reload builds a
 * new one.
 */
public final class Directory {
    private final List<Hotline> hotlines;
    /** The same in alphabetical order of their names, sorted once: a sort by name at each start would cost more. */
    private final List<Hotline> byName;
    private final Map<String, Pattern> countryRegions;

    public Directory(List<Hotline> hotlines, Map<String, Pattern> countryRegions) {
        this.hotlines = List.copyOf(hotlines);
        this.byName = hotlines.stream().sorted(Comparator.comparing(Hotline::name, Alphabetical.ORDER)).toList();
        this.countryRegions = Map.copyOf(countryRegions);
    }

    public List<Hotline> hotlines() {
        return hotlines;
    }

    public Optional<Hotline> hotline(String id) {
        return hotlines.stream().filter(hotline -> hotline.id().equals(id)).findFirst();
    }

    /**
     * The country whose region codes include this region, if exactly one does: a region two countries' patterns match
     * names no country (calling the wrong country's police would cost more than asking her where she is).
     */
    public Optional<String> countryOf(String region) {
        List<String> matching = countryRegions.entrySet().stream()
                .filter(entry -> entry.getValue().matcher(region).matches()).map(Map.Entry::getKey).toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /**
     * The line an escalation to the emergency services calls: the country's first emergency number. When the country is
     * not known, the first of the only country with emergency numbers; with several, none: the counsellor must choose,
     * as calling another country's police for a person in danger is worse than a question.
     */
    public Optional<Hotline> emergencyFor(Optional<String> country) {
        List<Hotline> candidates = emergencies(country);
        boolean oneCountry = candidates.stream().map(Hotline::country).distinct().count() == 1;
        return oneCountry ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** The emergency numbers of a country (all countries when unknown), open or not: emergencies always answer. */
    public List<Hotline> emergencies(Optional<String> country) {
        return hotlines.stream().filter(Hotline::emergency)
                .filter(hotline -> country.map(hotline.country()::equals).orElse(true)).toList();
    }

    /**
     * Lines open at {@code now} that fit this need: the visitor's country and region (a national line serves its whole
     * country), topic, language and role; unanswered questions match everything. Specialised lines first (those that
     * serve the region itself), emergency numbers excluded (they are always shown separately). When nothing open fits
     * everything, the need is relaxed (role, then topic, then language, then place) rather than showing nothing: as
     * long as any line is open, a person is never left without one.
     */
    public List<Hotline> openFor(Triage triage, Instant now) {
        return fitting(triage, hotline -> hotline.openingHours().isOpen(now));
    }

    /**
     * Lines that fit this need, open or not: the matching of {@link #openFor} without its opening hours (the same
     * order, emergency numbers excluded), for a counsellor who looks up the whole directory. The need is relaxed the
     * same way, but only when no line of the directory fits everything, closed ones included; so a need that some
     * line serves, at whatever hour, is never widened.
     */
    public List<Hotline> linesFor(Triage triage) {
        return fitting(triage, hotline -> true);
    }

    /**
     * The lines among those {@code available} that fit the need, specialised ones first; the need relaxed (role, then
     * topic, then language, then place) until some line fits.
     */
    private List<Hotline> fitting(Triage triage, Predicate<Hotline> available) {
        List<Predicate<Hotline>> needs = new ArrayList<>(List.of(place(triage), language(triage), topic(triage),
                role(triage)));
        List<Hotline> candidates = byName.stream().filter(hotline -> !hotline.emergency()).filter(available)
                .toList();
        while (true) {
            Predicate<Hotline> fits = needs.stream().reduce(hotline -> true, Predicate::and);
            List<Hotline> found = candidates.stream().filter(fits)
                    // a stable sort: by name within each group
                    .sorted(Comparator.comparing((Hotline hotline) -> !hotline.regions().contains(
                            triage.region().orElse(""))))
                    .toList();
            if (!found.isEmpty() || needs.isEmpty()) {
                return found;
            }
            needs.remove(needs.size() - 1);
        }
    }

    private Predicate<Hotline> place(Triage triage) {
        Optional<String> country = triage.region().flatMap(this::countryOf);
        return hotline -> country.map(hotline.country()::equals).orElse(true)
                && triage.region().map(region -> hotline.regions().contains(region)
                || hotline.regions().contains(Association.NATIONAL)).orElse(true);
    }

    private static Predicate<Hotline> language(Triage triage) {
        return hotline -> triage.language().map(hotline.languages()::contains).orElse(true);
    }

    private static Predicate<Hotline> topic(Triage triage) {
        return hotline -> triage.topic().map(hotline.topics()::contains).orElse(true);
    }

    private static Predicate<Hotline> role(Triage triage) {
        return hotline -> triage.role().map(role -> hotline.audience().contains(audienceOf(role))).orElse(true);
    }

    private static Hotline.Audience audienceOf(Role role) {
        return switch (role) {
            case VICTIM -> Hotline.Audience.VICTIMS;
            case WITNESS, RELATIVE -> Hotline.Audience.WITNESSES;
            case PROFESSIONAL -> Hotline.Audience.PROFESSIONALS;
            case PERPETRATOR -> Hotline.Audience.PERPETRATORS;
        };
    }
}
