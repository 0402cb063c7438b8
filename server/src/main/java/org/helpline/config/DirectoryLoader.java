package org.helpline.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.TriageVocabulary;

/**
 * Reads {@code directory.yaml}: the countries (their region codes and public holidays) and the hotlines. Every
 * mistake names the file and the field. Blocking: call it at start or on a worker.
 */
final class DirectoryLoader {
    static final String FILE = "directory.yaml";

    private DirectoryLoader() {
    }

    /** Reads and checks the file; its topics must be those of the triage vocabulary. */
    static Directory load(Path directory, TriageVocabulary triage) {
        ConfigSection root = ConfigSection.read(directory, FILE);
        String label = root.file();
        root.allowOnly("countries", "hotlines");
        Map<String, Pattern> regions = new HashMap<>();
        Map<String, Set<LocalDate>> holidays = new HashMap<>();
        ConfigSection countries = root.section("countries");
        Object listed = root.raw("countries");
        if (!(listed instanceof Map<?, ?> countryMap) || countryMap.isEmpty()) {
            throw new ConfigException(label, "countries", "must list at least one country");
        }
        for (Object key : countryMap.keySet()) {
            String code = String.valueOf(key);
            if (!code.matches("[A-Z]{2}")) {
                throw countries.error(code, "a country is a two-letter ISO code such as FR or GB");
            }
            ConfigSection country = countries.section(code);
            country.allowOnly("regionPattern", "publicHolidays");
            try {
                regions.put(code, Pattern.compile(country.string("regionPattern"), Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw country.error("regionPattern", "is not a valid pattern: " + e.getDescription());
            }
            Set<LocalDate> dates = new HashSet<>();
            for (String date : country.strings("publicHolidays", List.of())) {
                try {
                    dates.add(LocalDate.parse(date));
                } catch (DateTimeParseException e) {
                    throw country.error("publicHolidays", "'" + date + "' is not a date such as \"2026-12-25\"");
                }
            }
            holidays.put(code, dates);
        }
        List<Hotline> hotlines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : root.sections("hotlines")) {
            hotlines.add(hotline(entry, ids, holidays, triage));
        }
        for (String code : regions.keySet()) {
            if (hotlines.stream().noneMatch(hotline -> hotline.emergency() && hotline.country().equals(code))) {
                throw countries.error(code, "has no emergency number (a hotline with emergency: true and country "
                        + code + "): an escalation from a visitor there would have none to call");
            }
        }
        return new Directory(hotlines, regions);
    }

    private static Hotline hotline(ConfigSection entry, Set<String> ids, Map<String, Set<LocalDate>> holidays,
                                   TriageVocabulary triage) {
        entry.allowOnly("id", "name", "country", "emergency", "numbers", "openingHours", "topics", "regions",
                "languages", "audience", "accessibility", "description");
        String id = entry.uniqueId("id", ids);
        String country = entry.string("country");
        if (!holidays.containsKey(country)) {
            throw entry.error("country", "'" + country + "' is not listed under countries");
        }
        List<Hotline.Number> numbers = new ArrayList<>();
        for (ConfigSection number : entry.sections("numbers")) {
            number.allowOnly("number", "channel", "free");
            String channel = number.string("channel", "voice");
            numbers.add(new Hotline.Number(number.string("number"), Hotline.Channel.fromWire(channel)
                    .orElseThrow(() -> number.error("channel", "must be voice, sms, chat or web")),
                    number.bool("free", false)));
        }
        if (numbers.isEmpty()) {
            throw entry.error("numbers", "must list at least one number");
        }
        Set<Hotline.Audience> audience = new LinkedHashSet<>();
        for (String value : entry.strings("audience", List.of("victims", "witnesses"))) {
            audience.add(Hotline.Audience.fromWire(value).orElseThrow(() -> entry.error("audience",
                    "'" + value + "' is not one of victims, witnesses, children, perpetrators, professionals")));
        }
        ConfigSection description = entry.section("description");
        Map<String, String> descriptions = new HashMap<>();
        Object raw = entry.raw("description");
        if (raw instanceof Map<?, ?> texts) {
            for (Object language : texts.keySet()) {
                descriptions.put(String.valueOf(language), description.string(String.valueOf(language)));
            }
        }
        return new Hotline(id, entry.string("name"), country, entry.bool("emergency", false), numbers,
                OpeningHoursReader.read(entry, "openingHours", holidays.get(country)),
                TriageLoader.knownTopics(entry, List.of(), triage), Set.copyOf(entry.regions("regions",
                List.of("national"))), Set.copyOf(entry.strings("languages", List.of())), audience,
                Set.copyOf(entry.strings("accessibility", List.of())), descriptions);
    }
}
