package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.ChatFigures;
import org.helpline.domain.DayCounts;
import org.helpline.domain.Disclosure;
import org.helpline.domain.SmallCountSuppression;
import org.helpline.domain.StatisticsReport;
import org.helpline.domain.StatisticsRow;
import org.helpline.domain.StatisticsWindow;
import org.helpline.domain.StatisticsWindow.DayRange;
import org.helpline.store.StatisticsStore;

/**
 * {@code GET /api/supervisor/statistics}: the anonymous statistics for the observatory, per day or month, for the
 * network and each association, with small counts protected, as JSON or CSV (docs/observatory.md). The days are
 * those of the helpline's calendar ({@code statistics.timeZone}). Reads the day counters only, never a transcript.
 */
final class StatisticsRoutes {
    private static final String EXPORTS = "helpline-statistics-exports";
    private static final Duration EXPORT_LONGEST = Duration.ofMinutes(5);
    private final StatisticsStore store;
    private final SupervisorBearer supervisors;
    private final HelplineConfig config;
    private final Clock clock;
    private final ChatFigures figures;
    private final StatisticsReport report;
    /**
     * The exports' own worker, one thread shared by every HTTP verticle (created with the first export, on this
     * verticle's event loop): two years of a large network take seconds, which must not hold the default worker pool's
     * threads that serve the pages' files, and a search past {@link #EXPORT_LONGEST} is logged as a blocked thread.
     */
    private WorkerExecutor exports;

    StatisticsRoutes(StatisticsStore store, SupervisorBearer supervisors, HelplineConfig config, Clock clock) {
        this.store = store;
        this.supervisors = supervisors;
        this.config = config;
        this.clock = clock;
        this.figures = new ChatFigures(config.console().outcomeTags().ids());
        this.report = new StatisticsReport(figures, new SmallCountSuppression(config.statistics().minimumCount()));
    }

    void export(RoutingContext context) {
        supervisors.authenticate(context, "Only supervisors may export statistics.")
                .compose(who -> {
                    if (who.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    StatisticsQuery.Parsed parsed = StatisticsQuery.parse(context.queryParams(),
                            config.associationsById().keySet());
                    if (parsed instanceof StatisticsQuery.Refused refused) {
                        HttpErrors.send(context, 400, refused.code(), refused.message());
                        return Future.succeededFuture();
                    }
                    return export(context, ((StatisticsQuery.Valid) parsed).query());
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }

    private Future<Void> export(RoutingContext context, StatisticsQuery query) {
        StatisticsWindow window = StatisticsWindow.at(clock.instant(), config.statistics().calendar(),
                config.statistics().keepDays());
        Optional<DayRange> range = query.by() == StatisticsQuery.Grouping.DAY ? window.days(query.from(), query.to())
                : window.months(query.from(), query.to());
        if (range.isEmpty()) {
            body(query, range, List.of()).sendTo(context);
            return Future.succeededFuture();
        }
        DayRange covered = range.get();
        // parsed, protected and written on a worker: two years of counters are seconds of work, too long for a loop
        return store.days(covered.days())
                .compose(fields -> exports(context.vertx()).executeBlocking(() -> body(query, range,
                        rows(query, covered, days(fields)))))
                .map(body -> {
                    body.sendTo(context);
                    return null;
                });
    }

    private WorkerExecutor exports(Vertx vertx) {
        if (exports == null) {
            exports = vertx.createSharedWorkerExecutor(EXPORTS, 1, EXPORT_LONGEST.toSeconds(), TimeUnit.SECONDS);
        }
        return exports;
    }

    private static Map<LocalDate, DayCounts> days(Map<LocalDate, Map<String, String>> fields) {
        Map<LocalDate, DayCounts> counts = new HashMap<>();
        fields.forEach((day, stored) -> counts.put(day, DayCounts.fromFields(stored)));
        return counts;
    }

    private List<StatisticsRow> rows(StatisticsQuery query, DayRange range, Map<LocalDate, DayCounts> counts) {
        List<StatisticsRow> rows = query.by() == StatisticsQuery.Grouping.DAY
                ? report.days(counts, range.from(), range.to())
                : report.months(counts, YearMonth.from(range.from()), YearMonth.from(range.to()));
        return query.association()
                .map(association -> rows.stream().filter(row -> row.association().equals(association)).toList())
                .orElse(rows);
    }

    /** An export as it is sent: its type, the file it is saved as (a CSV), and its text. */
    private record ExportBody(String contentType, Optional<String> fileName, String text) {
        void sendTo(RoutingContext context) {
            context.response().putHeader("Content-Type", contentType);
            fileName.ifPresent(name -> context.response()
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\""));
            context.response().end(text);
        }
    }

    private ExportBody body(StatisticsQuery query, Optional<DayRange> range, List<StatisticsRow> rows) {
        int minimum = config.statistics().minimumCount();
        if (query.format() == StatisticsQuery.Format.CSV) {
            return new ExportBody("text/csv; charset=utf-8", Optional.of("helpline-statistics-" + query.from() + "-"
                    + query.to() + ".csv"), csv(rows, minimum));
        }
        JsonObject body = new JsonObject().put("from", range.map(r -> r.from().toString()).orElse(null))
                .put("to", range.map(r -> r.to().toString()).orElse(null))
                .put("by", query.by().name().toLowerCase()).put("minimumCount", minimum)
                .put("serviceLevelSeconds", config.dashboard().serviceLevel().toSeconds())
                .put("timeZone", config.statistics().calendar().zone().getId())
                .put("figures", new JsonArray(figures.columns()))
                .put("rows", new JsonArray(rows.stream().map(row -> json(row, minimum)).toList()));
        return new ExportBody("application/json", Optional.empty(), body.encode());
    }

    private JsonObject json(StatisticsRow row, int minimum) {
        JsonObject json = new JsonObject().put("period", row.period()).put("association", row.association());
        for (int i = 0; i < row.counts().size(); i++) {
            StatisticsRow.Count count = row.counts().get(i);
            json.put(figures.columns().get(i), count.disclosure() == Disclosure.SHOWN
                    ? count.value() : count.text(minimum));
        }
        return json.put("waitMedian", row.waitMedian().orElse(null)).put("waitP90", row.waitP90().orElse(null));
    }

    private String csv(List<StatisticsRow> rows, int minimum) {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("period", "association"));
        header.addAll(figures.columns());
        header.addAll(List.of("waitMedian", "waitP90"));
        lines.add(String.join(",", header));
        for (StatisticsRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.period(), row.association()));
            row.counts().forEach(count -> cells.add(count.text(minimum)));
            cells.add(row.waitMedian().orElse(""));
            cells.add(row.waitP90().orElse(""));
            lines.add(String.join(",", cells));
        }
        return lines.stream().collect(Collectors.joining("\r\n", "", "\r\n"));
    }
}
