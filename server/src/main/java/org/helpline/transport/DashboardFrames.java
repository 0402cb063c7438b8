package org.helpline.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.helpline.config.DashboardSettings;
import org.helpline.domain.DashboardSnapshot;
import org.helpline.domain.HistoryPoint;
import org.helpline.domain.ServiceCalendar;
import org.helpline.domain.ServiceLevel;

/** The supervisor dashboard on the wire (docs/protocol.md, supervisor socket): times in ms, durations in seconds. */
final class DashboardFrames {
    /** The system outcomes of an ended chat, always listed (zero when none today). */
    static final List<String> ENDINGS = List.of("answered", "redirected", "left_after_alternative",
            "left_without_alternative");

    private DashboardFrames() {
    }

    /** The dashboard's settings, and the time zone whose day is "today" ({@code statistics.timeZone}). */
    static JsonObject settings(DashboardSettings settings, Duration refresh, ServiceCalendar calendar) {
        return new JsonObject().put("serviceLevelSeconds", settings.serviceLevel().toSeconds())
                .put("historyHours", settings.historyHours()).put("refreshSeconds", refresh.toSeconds())
                .put("timeZone", calendar.zone().getId());
    }

    /**
     * The {@code dashboard} frame, with the history points from {@code fromEpochMinute} on; today is the day of
     * {@code calendar}.
     */
    static JsonObject dashboard(DashboardSnapshot snapshot, DashboardSettings settings, ServiceCalendar calendar,
                                long fromEpochMinute) {
        JsonArray steps = new JsonArray();
        snapshot.steps().forEach(step -> steps.add(new JsonObject().put("step", step.name())
                .put("waiting", step.waiting())));
        JsonArray associations = new JsonArray();
        snapshot.associations().forEach(line -> associations.add(new JsonObject().put("id", line.id())
                .put("name", line.name()).put("open", line.open()).put("waiting", line.waiting())
                .put("byStep", counts(line.waitingByStep()))
                .put("inDanger", line.inDanger()).put("longestWaitSeconds", line.longestWait().toSeconds())
                .put("counsellors", counsellors(line.counsellors())).put("activeChats", line.activeChats())));
        JsonArray active = new JsonArray();
        snapshot.active().forEach(chat -> active.add(new JsonObject().put("conversation", chat.conversation())
                .put("association", chat.association()).put("counsellor", chat.counsellorName())
                .put("priority", chat.priority().wireName()).put("risk", chat.risk().orElse(null))
                .put("waitedSeconds", chat.waited().toSeconds()).put("durationSeconds", chat.duration().toSeconds())
                .put("visitorAway", chat.visitorAway().orElse(null))
                .put("visitorAwaySeconds", chat.visitorAwayFor().map(Duration::toSeconds).orElse(null))));
        LocalDate day = calendar.day(snapshot.at());
        JsonObject endings = new JsonObject();
        ENDINGS.forEach(outcome -> endings.put(outcome, snapshot.endings().getOrDefault(outcome, 0L)));
        return new JsonObject().put("type", "dashboard").put("at", snapshot.at().toEpochMilli())
                .put("waiting", new JsonObject().put("total", snapshot.waiting()).put("counted", snapshot.counted())
                        .put("inDanger", snapshot.waitingInDanger())
                        .put("longestWaitSeconds", snapshot.longestWait().toSeconds())
                        .put("unattributed", snapshot.unattributed()).put("byStep", steps))
                .put("associations", associations)
                .put("counsellors", counsellors(snapshot.counsellors()))
                .put("away", new JsonArray(snapshot.away().stream().map(line -> new JsonObject()
                        .put("counsellor", line.counsellor()).put("association", line.association())
                        .put("reason", line.reason().orElse(null))).toList()))
                .put("active", active).put("activeTotal", snapshot.activeTotal())
                .put("serviceLevel", new JsonObject()
                        .put("targetSeconds", settings.serviceLevel().toSeconds())
                        .put("lastHour", serviceLevel(snapshot.lastHour()))
                        .put("today", serviceLevel(snapshot.today()).put("day", day.toString())))
                .put("outcomes", new JsonObject().put("day", day.toString()).put("system", endings)
                        .put("tags", counts(snapshot.outcomeTags())))
                .put("history", history(snapshot.history(), fromEpochMinute));
    }

    /** History points, oldest first, from {@code fromEpochMinute} on; minutes nobody sampled are left out. */
    static JsonArray history(List<HistoryPoint> points, long fromEpochMinute) {
        JsonArray history = new JsonArray();
        points.stream().filter(point -> point.epochMinute() >= fromEpochMinute).forEach(point -> history.add(
                new JsonObject().put("at", point.startMillis()).put("waiting", boxed(point.waiting()))
                        .put("longestWaitSeconds", seconds(point.longestWaitMillis()))
                        .put("answered", point.answered())
                        .put("averageWaitSeconds", seconds(point.averageWaitMillis()))));
        return history;
    }

    private static JsonObject counts(Map<String, Long> counts) {
        JsonObject json = new JsonObject();
        counts.forEach(json::put);
        return json;
    }

    private static JsonObject counsellors(DashboardSnapshot.CounsellorCounts counts) {
        return new JsonObject().put("available", counts.available()).put("busy", counts.busy())
                .put("away", counts.away()).put("offline", counts.offline());
    }

    private static JsonObject serviceLevel(ServiceLevel level) {
        return new JsonObject().put("answered", level.answered()).put("answeredInTime", level.answeredInTime())
                .put("unanswered", level.unanswered()).put("unansweredLate", level.unansweredLate())
                .put("percent", level.percent().isPresent() ? level.percent().getAsInt() : null);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Long seconds(OptionalLong millis) {
        return millis.isPresent() ? Math.round(millis.getAsLong() / 1000.0) : null;
    }
}
