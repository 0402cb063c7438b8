package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.helpline.config.ConfigLoader;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;

/** The shipped directory, queried at chosen instants: who is open for whom. */
class DirectoryTest {
    private static final Directory DIRECTORY = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of())
            .directoryAtStart();
    /** Wednesday 18 November 2026, 10:00 in Paris. */
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-18T09:00:00Z");
    /** Wednesday, 23:00 in Paris. */
    private static final Instant WEDNESDAY_NIGHT = Instant.parse("2026-11-18T22:00:00Z");
    /** Christmas Day, 10:00 in Paris. */
    private static final Instant CHRISTMAS = Instant.parse("2026-12-25T09:00:00Z");

    private static Triage need(String language, String region, String topic, Role role) {
        return new Triage(Optional.ofNullable(role), Optional.ofNullable(language), Optional.ofNullable(region),
                Optional.ofNullable(topic), false, false);
    }

    private static List<String> ids(List<Hotline> hotlines) {
        return hotlines.stream().map(Hotline::id).toList();
    }

    @Test
    void aVictimInTheNordGetsLocalLinesFirstDuringOfficeHours() {
        List<String> open = ids(DIRECTORY.openFor(need("fr", "59", "legal-advice", Role.VICTIM), WEDNESDAY_MORNING));
        assertTrue(open.indexOf("fr-59-cidff") >= 0 && open.indexOf("fr-59-cidff") < open.indexOf("fr-3919"), open
                .toString());
        assertTrue(open.contains("fr-116006"));
        assertFalse(open.contains("gb-national-da-helpline"), "another country's line");
        assertFalse(open.contains("fr-police-17"), "emergency numbers are shown apart");
    }

    @Test
    void atNightAndOnHolidaysOnlyTheLinesOpenThenAreOffered() {
        List<String> night = ids(DIRECTORY.openFor(need("fr", "59", "legal-advice", Role.VICTIM), WEDNESDAY_NIGHT));
        assertTrue(night.contains("fr-3919"));
        assertFalse(night.contains("fr-59-cidff"));
        assertFalse(night.contains("fr-116006"));
        List<String> christmas = ids(DIRECTORY.openFor(need("fr", "59", "legal-advice", null), CHRISTMAS));
        assertFalse(christmas.contains("fr-59-cidff"), "closed on a public holiday");
        assertTrue(christmas.contains("fr-116006"), "open on public holidays 9:00-19:00");
    }

    @Test
    void aLondonVisitorGetsTheUkLinesAndEmergencyNumbers() {
        List<String> open = ids(DIRECTORY.openFor(need("en", "london", "physical", Role.WITNESS), WEDNESDAY_NIGHT));
        assertTrue(open.contains("gb-national-da-helpline"), open.toString());
        assertTrue(open.stream().allMatch(id -> id.startsWith("gb-")), open.toString());
        assertEquals(Optional.of("GB"), DIRECTORY.countryOf("london"));
        assertTrue(ids(DIRECTORY.emergencies(Optional.of("GB"))).containsAll(List.of("gb-999", "gb-text-relay")));
        assertTrue(ids(DIRECTORY.emergencies(Optional.of("FR"))).containsAll(List.of("fr-police-17",
                "fr-emergency-112", "fr-sms-114")));
    }

    /**
     * An escalation to "the emergency services" calls the visitor's country's first emergency number, whatever case
     * she typed her region in; when her country is not known it calls none, as the directory has two countries'.
     */
    @Test
    void theEmergencyNumberOfAnEscalationIsTheVisitorsCountrysAndNoneWhenItIsNotKnown() {
        Triage typed = need("en", "London", null, null);
        assertEquals(Optional.of("london"), typed.region(), "kept in lower case");
        assertEquals(Optional.of("GB"), typed.region().flatMap(DIRECTORY::countryOf));
        assertEquals(Optional.of("FR"), DIRECTORY.countryOf("2a"));
        assertEquals(Optional.of("gb-999"), DIRECTORY.emergencyFor(Optional.of("GB")).map(Hotline::id));
        assertEquals(Optional.of("fr-police-17"), DIRECTORY.emergencyFor(Optional.of("FR")).map(Hotline::id));
        assertEquals(Optional.empty(), DIRECTORY.emergencyFor(Optional.empty()), "never another country's police");
        Directory oneCountry = new Directory(DIRECTORY.emergencies(Optional.of("GB")), Map.of());
        assertEquals(Optional.of("gb-999"), oneCountry.emergencyFor(Optional.empty()).map(Hotline::id),
                "a directory of one country: its number");
    }

    /** A region two countries' patterns both match names neither: the counsellor asks her, no police is guessed. */
    @Test
    void aRegionTwoCountriesClaimNamesNoCountry() {
        Directory overlapping = new Directory(DIRECTORY.hotlines(), Map.of("FR", Pattern.compile("59|62|jersey"),
                "GB", Pattern.compile("london|jersey")));
        assertEquals(Optional.of("FR"), overlapping.countryOf("59"));
        assertEquals(Optional.of("GB"), overlapping.countryOf("london"));
        assertEquals(Optional.empty(), overlapping.countryOf("jersey"), "claimed by both: neither");
        assertEquals(Optional.empty(), overlapping.emergencyFor(overlapping.countryOf("jersey")));
    }

    @Test
    void anUnusualNeedIsRelaxedRatherThanLeftWithNothing() {
        List<Hotline> open = DIRECTORY.openFor(need("fr", "59", "perpetrator-support", Role.PROFESSIONAL),
                WEDNESDAY_NIGHT);
        assertFalse(open.isEmpty(), "a line is open, so one is shown");
        assertFalse(DIRECTORY.openFor(Triage.none(), WEDNESDAY_NIGHT).isEmpty());
    }

    /**
     * A counsellor's search of the lines open or not keeps every field of the need: at night the CIDFF du Nord and the
     * other day-time lines are closed, yet listed with the 3919 for legal advice in the Nord, in the open-now order.
     */
    @Test
    void aSearchOpenOrNotKeepsTheNeedAndListsTheClosedLinesThatFitIt() {
        Triage legalAdviceInTheNord = need(null, "59", "legal-advice", null);
        assertFalse(DIRECTORY.hotline("fr-59-cidff").orElseThrow().openingHours().isOpen(WEDNESDAY_NIGHT));
        assertEquals(List.of("fr-3919"), ids(DIRECTORY.openFor(legalAdviceInTheNord, WEDNESDAY_NIGHT)),
                "only the 3919 is open at night");
        List<String> all = ids(DIRECTORY.linesFor(legalAdviceInTheNord));
        assertEquals(List.of("fr-59-victim-support", "fr-59-cidff", "fr-116006", "fr-3919"), all,
                "the Nord's own lines first, then the national ones; no other topic, country or emergency number");
        assertEquals(ids(DIRECTORY.openFor(legalAdviceInTheNord, WEDNESDAY_MORNING)), all,
                "all four open in the morning: the open-now search's answer then");
        assertEquals(List.of("gb-national-da-helpline"), ids(DIRECTORY.linesFor(need(null, "london", "shelter", null))),
                "the topic and the country kept: no police line, no French shelter");
        assertEquals(List.of("fr-115", "fr-3919"), ids(DIRECTORY.linesFor(need(null, "59", "shelter", null))));
        assertEquals(List.of("fr-3919"), ids(DIRECTORY.linesFor(need(null, "59", "shelter", Role.WITNESS))),
                "the role kept: the 115 is for victims");
        assertEquals(List.of("fr-3919"), ids(DIRECTORY.linesFor(need("en", "59", "shelter", null))),
                "the language kept: the 115 speaks French only");
    }

    /**
     * The need of a search open or not is relaxed as the open-now search's is, but only when no line fits it at any
     * hour: without the 3919, only day-time lines give legal advice in the Nord, and at night the open-now search
     * relaxes the topic while the search open or not lists those closed lines.
     */
    @Test
    void aSearchOpenOrNotIsRelaxedOnlyWhenNoLineFitsAtAnyHour() {
        Directory without3919 = new Directory(DIRECTORY.hotlines().stream()
                .filter(hotline -> !hotline.id().equals("fr-3919")).toList(),
                Map.of("FR", Pattern.compile("[0-9]{2,3}|2A|2B", Pattern.CASE_INSENSITIVE)));
        Triage legalAdviceInTheNord = need(null, "59", "legal-advice", null);
        assertEquals(List.of("fr-115", "fr-119"), ids(without3919.openFor(legalAdviceInTheNord, WEDNESDAY_NIGHT)),
                "nothing open gives legal advice: the topic relaxed");
        assertEquals(List.of("fr-59-victim-support", "fr-59-cidff", "fr-116006"),
                ids(without3919.linesFor(legalAdviceInTheNord)), "the closed lines that give it, not relaxed");
        assertEquals(ids(DIRECTORY.linesFor(need(null, "59", null, null))),
                ids(DIRECTORY.linesFor(need(null, "59", null, Role.PERPETRATOR))),
                "no line is for perpetrators at any hour: the role relaxed, the region kept");
    }

    @Test
    void aChildGetsTheChildLine() {
        assertTrue(ids(DIRECTORY.openFor(need("fr", "62", "children-exposed", null), WEDNESDAY_NIGHT))
                .contains("fr-119"));
    }
}
