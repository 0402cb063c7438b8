package org.helpline.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One day of the anonymous statistics (a day of the helpline's {@link ServiceCalendar}): for each association (or
 * {@link #NONE}, the chats nobody answered), each figure's count. Read from the day's hash, whose fields are
 * {@code <association>|<figure>} ({@code -} for none).
 */
public record DayCounts(Map<String, Map<String, Long>> byAssociation) {
    /** The row of the chats nobody answered. */
    public static final String NONE = "none";
    public static final DayCounts EMPTY = new DayCounts(Map.of());
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,15}");

    public DayCounts {
        Map<String, Map<String, Long>> copy = new HashMap<>();
        byAssociation.forEach((association, figures) -> copy.put(association, Map.copyOf(figures)));
        byAssociation = Map.copyOf(copy);
    }

    /** The day's counts from its hash; fields that are not {@code association|figure} with a count are skipped. */
    public static DayCounts fromFields(Map<String, String> fields) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        fields.forEach((field, value) -> {
            int bar = field.indexOf('|');
            if (bar > 0 && COUNT.matcher(value).matches()) {
                String association = field.substring(0, bar);
                counts.computeIfAbsent("-".equals(association) ? NONE : association, any -> new HashMap<>())
                        .merge(field.substring(bar + 1), Long.parseLong(value), Long::sum);
            }
        });
        return new DayCounts(counts);
    }
}
