package org.helpline.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.helpline.domain.DashboardReading;
import org.helpline.domain.HistoryPoint;
import org.helpline.domain.ServiceCalendar;
import org.helpline.domain.ServiceLevel;
import org.helpline.domain.WaitTally;

/**
 * What the supervisor dashboard reads from Redis (one script, one round trip) and the per-minute samples of the queue
 * its charts draw. Today is the day of the helpline's calendar, as the outcome counters count it: from local midnight,
 * 23 to 25 hours long when the clocks change. The service-level counts of settled minutes are kept by this node
 * ({@link WaitTally}), so a read counts only the waits of the last minutes, not the whole day's.
 */
public final class DashboardStore {
    private static final Duration HOUR = Duration.ofHours(1);
    /** The most counsellors, and about the most active chats, one script reads. */
    static final int BATCH = 500;

    private final Scripts scripts;
    private final ServiceCalendar calendar;
    private final WaitTally tally = new WaitTally();

    public DashboardStore(Scripts scripts, ServiceCalendar calendar) {
        this.scripts = scripts;
        this.calendar = calendar;
    }

    /**
     * Reads the counsellors' presence, the active chats, the answers of the last hour and of today against the
     * {@code serviceLevel} target, today's outcome counters and the history of the minutes from {@code historyFrom}
     * to {@code now}. The counsellors and the active chats are read {@link #BATCH} at a time, so that no script holds
     * Redis long however many there are.
     */
    public Future<DashboardReading> read(Instant now, Duration serviceLevel, Instant historyFrom,
                                         List<String> counsellorIds) {
        LocalDate today = calendar.day(now);
        long firstMinute = epochMinute(historyFrom);
        long lastMinute = epochMinute(now);
        Instant hourFrom = now.minus(HOUR);
        long dayMinute = epochMinute(calendar.start(today));
        long scanFrom = tally.scanFrom(Math.min(firstMinute, Math.min(epochMinute(hourFrom), dayMinute)));
        List<String> minuteSamples = LongStream.rangeClosed(firstMinute, lastMinute).mapToObj(Keys::minuteSample)
                .toList();
        Future<JsonObject> counts = scripts.text(Scripts.DASHBOARD_SNAPSHOT.call().key("waits", Keys.WAITS)
                        .key("outcomeCounts", Keys.outcomeCounts(today)).key("endingCounts", Keys.endingCounts(today))
                        .keys("minuteSamples", minuteSamples).arg("hourFrom", hourFrom.toEpochMilli())
                        .arg("scanFrom", scanFrom * 60_000)
                        .arg("serviceLevel", serviceLevel.toMillis()).arg("firstMinute", firstMinute)
                        .arg("lastMinute", lastMinute))
                .map(JsonObject::new);
        Future<Map<String, DashboardReading.Presence>> presence = presence(counsellorIds);
        Future<List<DashboardReading.ActiveChat>> active = activeFrom("0", new LinkedHashMap<>());
        return Future.all(counts, presence, active).map(read -> {
            JsonObject reply = counts.result();
            WaitTally.Totals totals = tally.fold(scanFrom, minutes(reply), lastMinute,
                    serviceLevel(reply.getJsonArray("hourEdge")), epochMinute(hourFrom), dayMinute, firstMinute);
            return reading(reply, presence.result(), active.result(), totals, firstMinute, lastMinute);
        });
    }

    private Future<Map<String, DashboardReading.Presence>> presence(List<String> counsellorIds) {
        List<Future<JsonArray>> batches = new ArrayList<>();
        for (int from = 0; from < counsellorIds.size(); from += BATCH) {
            List<String> ids = counsellorIds.subList(from, Math.min(counsellorIds.size(), from + BATCH));
            List<String> keys = ids.stream().flatMap(id -> Stream.of(Keys.counsellor(id), Keys.consoles(id),
                    Keys.counsellorConversations(id), Keys.counsellorOffers(id))).toList();
            batches.add(scripts.text(Scripts.DASHBOARD_COUNSELLORS.call().keys("counsellorKeys", keys)
                    .args("counsellorIds", ids)).map(JsonArray::new));
        }
        return Future.all(batches).map(read -> {
            Map<String, DashboardReading.Presence> presence = new HashMap<>();
            for (Future<JsonArray> batch : batches) {
                for (Object item : batch.result()) {
                    JsonArray counsellor = (JsonArray) item;
                    presence.put(counsellor.getString(0), new DashboardReading.Presence(
                            "available".equals(counsellor.getString(1)), counsellor.getInteger(2) == 1,
                            counsellor.getInteger(3), Optional.ofNullable(counsellor.getString(4))
                                    .filter(reason -> !reason.isEmpty())));
                }
            }
            return presence;
        });
    }

    /** The active chats from {@code cursor} on, added to {@code read} (by id: a scan may give one twice). */
    private Future<List<DashboardReading.ActiveChat>> activeFrom(String cursor,
                                                                 Map<String, DashboardReading.ActiveChat> read) {
        return scripts.text(Scripts.DASHBOARD_CHATS.call().key("activeConversations", Keys.ACTIVE_CONVERSATIONS)
                        .arg("cursor", cursor).arg("batch", BATCH)
                        .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX))
                .compose(json -> {
                    JsonObject reply = new JsonObject(json);
                    for (Object item : reply.getJsonArray("active")) {
                        JsonObject chat = (JsonObject) item;
                        read.put(chat.getString("id"), new DashboardReading.ActiveChat(chat.getString("id"),
                                chat.getString("association"), chat.getString("counsellorName"),
                                chat.getLong("createdAt"), chat.getLong("answeredAt"), chat.getBoolean("danger"),
                                chat.getBoolean("children"), Optional.ofNullable(chat.getString("risk")),
                                Optional.ofNullable(chat.getString("visitorAway")),
                                chat.getLong("visitorAwaySince", 0L)));
                    }
                    String next = reply.getString("cursor");
                    return "0".equals(next) ? Future.succeededFuture(List.copyOf(read.values()))
                            : activeFrom(next, read);
                });
    }

    /** Records this node's sample of the queue in the current minute; the minute keeps the highest values seen. */
    public Future<Void> recordMinute(Instant now, long waiting, Duration longestWait, Duration keep) {
        return scripts.integer(Scripts.RECORD_MINUTE.call().key("minuteSample", Keys.minuteSample(epochMinute(now)))
                .arg("waiting", waiting).arg("longestWait", longestWait.toMillis()).arg("keep", keep.toSeconds()))
                .mapEmpty();
    }

    public static long epochMinute(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), 60_000);
    }

    private static Map<Long, WaitTally.Minute> minutes(JsonObject json) {
        Map<Long, WaitTally.Minute> minutes = new HashMap<>();
        for (Object item : array(json, "minutes")) {
            JsonArray minute = (JsonArray) item;
            minutes.put(minute.getLong(0), new WaitTally.Minute(new ServiceLevel(minute.getLong(1), minute.getLong(2),
                    minute.getLong(3), minute.getLong(4)), minute.getLong(5)));
        }
        return minutes;
    }

    private static DashboardReading reading(JsonObject json, Map<String, DashboardReading.Presence> presence,
                                            List<DashboardReading.ActiveChat> active, WaitTally.Totals totals,
                                            long firstMinute, long lastMinute) {
        Map<Long, JsonObject> samples = new HashMap<>();
        for (Object item : array(json, "samples")) {
            samples.put(((JsonObject) item).getLong("m"), (JsonObject) item);
        }
        List<HistoryPoint> history = new ArrayList<>();
        for (long minute = firstMinute; minute <= lastMinute; minute++) {
            JsonObject sample = samples.get(minute);
            WaitTally.Minute answers = totals.byMinute().getOrDefault(minute, WaitTally.Minute.NONE);
            if (sample != null || answers.counts().answered() > 0) {
                history.add(new HistoryPoint(minute, optional(sample, "w"), optional(sample, "l"),
                        answers.counts().answered(), answers.answeredWaitMillis()));
            }
        }
        return new DashboardReading(presence, active, totals.lastHour(), totals.today(), counts(json, "tags"),
                counts(json, "endings"), history);
    }

    private static ServiceLevel serviceLevel(JsonArray counts) {
        return new ServiceLevel(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3));
    }

    /** Lua's JSON encoder writes an empty list as an empty object. */
    private static JsonArray array(JsonObject json, String key) {
        return json.getValue(key) instanceof JsonArray list ? list : new JsonArray();
    }

    private static Map<String, Long> counts(JsonObject json, String key) {
        Map<String, Long> counts = new HashMap<>();
        if (json.getValue(key) instanceof JsonObject map) {
            map.forEach(entry -> counts.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        }
        return counts;
    }

    private static OptionalLong optional(JsonObject json, String key) {
        return json != null && json.getValue(key) instanceof Number number ? OptionalLong.of(number.longValue())
                : OptionalLong.empty();
    }
}
