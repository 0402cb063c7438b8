package org.helpline.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.helpline.domain.OpeningHours;

/**
 * Reads an {@code openingHours} field: {@code always}, or a mapping with {@code timeZone} and, per day
 * ({@code monday} ... {@code sunday}), a list of {@code "HH:MM-HH:MM"} ranges (a range ending before it starts
 * crosses midnight). A day left out is closed. A hotline's hours are closed on its country's public holidays unless
 * {@code publicHolidays} lists ranges for them; an association has no country, so its hours know no holidays. Hours
 * that never open (no range on any day, nor on holidays) are refused: an association's counsellors could mark
 * themselves available and never get a chat, a hotline would never be shown.
 */
final class OpeningHoursReader {
    private OpeningHoursReader() {
    }

    static OpeningHours read(ConfigSection entry, String key) {
        return read(entry, key, Set.of());
    }

    /**
     * Reads opening hours whose country observes {@code holidays}: the mapping may say what happens on them with
     * {@code publicHolidays} ({@code closed}, the default, or a list of ranges).
     */
    static OpeningHours read(ConfigSection entry, String key, Set<LocalDate> holidays) {
        Object raw = entry.raw(key);
        if (raw == null || "always".equals(raw)) {
            return OpeningHours.always();
        }
        if (!(raw instanceof Map)) {
            throw entry.error(key, "must be 'always' or a mapping with timeZone and days");
        }
        return weekly(entry, key, holidays);
    }

    private static OpeningHours weekly(ConfigSection entry, String key, Set<LocalDate> holidays) {
        ConfigSection hours = entry.section(key);
        List<String> keys = new ArrayList<>(List.of("timeZone", "publicHolidays"));
        for (DayOfWeek day : DayOfWeek.values()) {
            keys.add(day.name().toLowerCase(Locale.ROOT));
        }
        hours.allowOnly(keys.toArray(String[]::new));
        String zoneName = hours.string("timeZone");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw hours.error("timeZone", "'" + zoneName + "' is not a time zone such as Europe/Paris");
        }
        Map<DayOfWeek, List<OpeningHours.TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            List<OpeningHours.TimeRange> ranges = new ArrayList<>();
            for (String range : hours.strings(name, List.of())) {
                ranges.add(range(hours, name, range));
            }
            weekly.put(day, ranges);
        }
        List<OpeningHours.TimeRange> onHolidays = new ArrayList<>();
        Object holidayHours = hours.raw("publicHolidays");
        if (holidayHours != null && !"closed".equals(holidayHours)) {
            for (String range : hours.strings("publicHolidays", List.of())) {
                onHolidays.add(range(hours, "publicHolidays", range));
            }
        }
        boolean opensOnHolidays = !holidays.isEmpty() && !onHolidays.isEmpty();
        if (!opensOnHolidays && weekly.values().stream().allMatch(List::isEmpty)) {
            throw entry.error(key, "never opens: give at least one day (monday ... sunday) a range such as "
                    + "09:00-18:00, or write always");
        }
        return OpeningHours.weekly(zone, weekly).withHolidays(holidays, onHolidays);
    }

    private static OpeningHours.TimeRange range(ConfigSection hours, String day, String text) {
        String[] parts = text.split("-");
        try {
            if (parts.length == 2) {
                return new OpeningHours.TimeRange(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw hours.error(day, "'" + text + "' is not a range such as 09:00-18:00");
    }
}
