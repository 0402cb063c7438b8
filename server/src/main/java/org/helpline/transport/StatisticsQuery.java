package org.helpline.transport;

import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.helpline.domain.DayCounts;

/**
 * The parameters of {@code GET /api/supervisor/statistics}: {@code from} and {@code to} (YYYY-MM-DD, both included),
 * {@code association} (an id of associations.yaml or {@code none}), {@code format} ({@code json} or {@code csv}) and
 * {@code by} ({@code day} or {@code month}).
 */
record StatisticsQuery(LocalDate from, LocalDate to, Optional<String> association, Format format, Grouping by) {
    /** The longest range asked for at once. */
    static final int MAX_DAYS = 731;

    enum Format { JSON, CSV }

    enum Grouping { DAY, MONTH }

    /** The query, or the refusal ({@code 400} with its code) of a wrong one. */
    sealed interface Parsed permits Valid, Refused {
    }

    record Valid(StatisticsQuery query) implements Parsed {
    }

    record Refused(String code, String message) implements Parsed {
    }

    static Parsed parse(MultiMap params, Set<String> associations) {
        Optional<LocalDate> from = date(params.get("from"));
        Optional<LocalDate> to = date(params.get("to"));
        if (from.isEmpty() || to.isEmpty()) {
            return new Refused("invalid_date", "Give from and to as YYYY-MM-DD.");
        }
        if (to.get().isBefore(from.get())) {
            return new Refused("invalid_range", "to is before from.");
        }
        if (ChronoUnit.DAYS.between(from.get(), to.get()) >= MAX_DAYS) {
            return new Refused("invalid_range", "Ask for at most " + MAX_DAYS + " days at once.");
        }
        String association = params.get("association");
        if (association != null && !association.equals(DayCounts.NONE) && !associations.contains(association)) {
            return new Refused("unknown_association", "No such association.");
        }
        Optional<Format> format = choice(params.get("format"), Format.JSON, Format.values());
        if (format.isEmpty()) {
            return new Refused("invalid_format", "format is json or csv.");
        }
        Optional<Grouping> by = choice(params.get("by"), Grouping.DAY, Grouping.values());
        if (by.isEmpty()) {
            return new Refused("invalid_grouping", "by is day or month.");
        }
        return new Valid(new StatisticsQuery(from.get(), to.get(), Optional.ofNullable(association), format.get(),
                by.get()));
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null || !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> choice(String text, E absent, E[] values) {
        if (text == null) {
            return Optional.of(absent);
        }
        for (E value : values) {
            if (value.name().equalsIgnoreCase(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
