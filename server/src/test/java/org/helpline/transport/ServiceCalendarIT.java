package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.helpline.config.StatisticsSettings;
import org.helpline.domain.ServiceCalendar;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.SettableClock;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A helpline in Paris ({@code statistics.timeZone: Europe/Paris}) counts by Paris days. With a clock the test sets
 * around Paris midnight (22:00 or 23:00 UTC), a chat that ends a minute before it is counted on the day before, and
 * chats that end half an hour after it, on the same UTC day, on the new Paris day: the observatory's statistics, the
 * ending and the outcome counters. The supervisor dashboard's "today" starts at that midnight, and the export gives
 * the day before as over although its UTC day is not. The times are tonight's, so that the node's clock stays within a
 * day of Redis's (docs/operations.md, "Which clock decides what").
 */
class ServiceCalendarIT {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The Paris day before midnight: today's UTC day, on which Paris midnight falls too. */
    private static final LocalDate BEFORE = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate AFTER = BEFORE.plusDays(1);
    private static final Instant MIDNIGHT = AFTER.atStartOfDay(PARIS).toInstant();
    private static final SettableClock clock = new SettableClock(MIDNIGHT.minus(Duration.ofMinutes(1)));

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("paris.amina", 2), TestConfig.supervisor("paris.sam")))
            .statistics(new StatisticsSettings(400, 3, new ServiceCalendar(PARIS))).build(), clock);

    @Test
    void chatsAreCountedOnTheirParisDayAndTodayStartsAtParisMidnight() {
        assertEquals(BEFORE, LocalDate.ofInstant(MIDNIGHT.plus(Duration.ofMinutes(55)), ZoneOffset.UTC),
                "the whole test is on one UTC day");
        clock.set(MIDNIGHT.minus(Duration.ofMinutes(1)));
        helpline.visitor(0, french()).end();

        clock.set(MIDNIGHT.plus(Duration.ofMinutes(30)));
        helpline.visitor(0, french()).end();
        TestSocket console = helpline.availableConsole(0, "paris.amina", TestConfig.PASSWORD);
        Helpline.Visitor answered = helpline.visitor(0, french());
        String id = answered.conversation();
        assertEquals(id, console.next("assigned").getString("conversation"));
        console.send(new JsonObject().put("type", "end").put("conversation", id));
        answered.socket().next("ended");
        console.send(new JsonObject().put("type", "outcome").put("conversation", id)
                .put("tags", new JsonArray().add("woman")));
        console.take(f -> "outcome_recorded".equals(f.getString("type")) && id.equals(f.getString("conversation")),
                "outcome recorded");

        assertEquals("1", hash("hl:stats:day:" + BEFORE).get("-|received"), "a minute before midnight");
        Map<String, String> after = hash("hl:stats:day:" + AFTER);
        assertEquals("1", after.get("-|received"), "half an hour after midnight, the same UTC day: " + after);
        assertEquals("1", after.get(TestConfig.DIRECT + "|received"));
        assertEquals("1", after.get(TestConfig.DIRECT + "|tag.woman"));
        assertEquals(Map.of("woman", "1"), hash("hl:stats:outcomes:" + AFTER));
        assertEquals(Map.of(), hash("hl:stats:outcomes:" + BEFORE));
        assertEquals(1, total(hash("hl:stats:endings:" + BEFORE)));
        assertEquals(2, total(hash("hl:stats:endings:" + AFTER)));
        assertEquals("1", hash("hl:stats:endings:" + AFTER).get("answered"));
        long kept = helpline.inRedis(redis -> redis.ttl("hl:stats:day:" + AFTER));
        assertTrue(kept > Duration.ofDays(400).toSeconds() && kept <= Duration.ofDays(400).plusHours(25).toSeconds(),
                "kept 400 days after the Paris day is over: " + kept + " s");

        // a day is exported a quarter of an hour after it ended: a count sent just before midnight still lands in it
        clock.set(MIDNIGHT.plus(Duration.ofMinutes(10)));
        HttpResponse<String> tooSoon = helpline.withToken(0, helpline.login(0, "paris.sam", TestConfig.PASSWORD),
                "/api/supervisor/statistics?from=" + BEFORE + "&to=" + BEFORE, null);
        assertEquals(200, tooSoon.statusCode(), tooSoon.body());
        assertTrue(new JsonObject(tooSoon.body()).getJsonArray("rows").isEmpty(), tooSoon.body());

        clock.set(MIDNIGHT.plus(Duration.ofMinutes(55)));
        String token = helpline.login(0, "paris.sam", TestConfig.PASSWORD);
        TestSocket supervisor = helpline.socket(0, "/ws/supervisor");
        supervisor.send(new JsonObject().put("type", "auth").put("token", token));
        assertEquals("Europe/Paris", supervisor.next("welcome").getJsonObject("dashboardSettings")
                .getString("timeZone"));
        JsonObject dashboard = supervisor.next("dashboard");
        JsonObject level = dashboard.getJsonObject("serviceLevel");
        assertEquals(AFTER.toString(), level.getJsonObject("today").getString("day"));
        assertEquals(1, level.getJsonObject("today").getInteger("unanswered"),
                "today starts at Paris midnight: not the chat left a minute before it");
        assertEquals(2, level.getJsonObject("lastHour").getInteger("unanswered"),
                "the last hour began five minutes before midnight");
        JsonObject outcomes = dashboard.getJsonObject("outcomes");
        assertEquals(AFTER.toString(), outcomes.getString("day"));
        assertEquals(1, outcomes.getJsonObject("tags").getInteger("woman"));
        assertEquals(1, outcomes.getJsonObject("system").getInteger("answered"));

        HttpResponse<String> response = helpline.withToken(0, token, "/api/supervisor/statistics?from=" + BEFORE
                + "&to=" + AFTER, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject export = new JsonObject(response.body());
        assertEquals("Europe/Paris", export.getString("timeZone"));
        assertEquals(BEFORE.toString(), export.getString("from"), "its Paris day is over, though not its UTC day");
        assertEquals(BEFORE.toString(), export.getString("to"), "the new Paris day is not over");
        JsonObject all = export.getJsonArray("rows").getJsonObject(0);
        assertEquals("all", all.getString("association"));
        assertEquals(BEFORE.toString(), all.getString("period"));
    }

    private static JsonObject french() {
        return new JsonObject().put("language", "fr");
    }

    private static Map<String, String> hash(String key) {
        return helpline.inRedis(redis -> redis.hgetall(key));
    }

    private static long total(Map<String, String> counts) {
        return counts.values().stream().mapToLong(Long::parseLong).sum();
    }
}
