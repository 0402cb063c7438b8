package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.config.StatisticsSettings;
import org.helpline.domain.ServiceCalendar;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The anonymous statistics over real sockets and a real Redis: chats that are answered, tagged, redirected and left
 * unanswered are counted in the day's counters, and {@code GET /api/supervisor/statistics} exports them per day and
 * month, with counts below {@code statistics.minimumCount} (3 here) shown as {@code <3} and the figure that would give
 * one back withheld; only supervisors may read it; the counters survive a Redis restart.
 */
class StatisticsIT {
    private static final String TAGGED = TestConfig.DIRECT;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(2, ConfigBuilder.from(TestConfig.withCounsellors(
            TestConfig.counsellor("stats.amina", 4), TestConfig.supervisor("stats.sam")))
            .statistics(new StatisticsSettings(400, 3, ServiceCalendar.UTC)).build());

    /** A day that is over, in the month before this one: the test's chats are moved there as if a day had passed. */
    private static final LocalDate DAY = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(10);

    @Test
    void chatsOfADayAreExportedWithSmallCountsProtectedAndSurviveARedisRestart() {
        List<String> conversations = new ArrayList<>();
        conversations.add(redirectedInDanger());
        Helpline.Visitor leaving = helpline.visitor(0, new JsonObject());
        conversations.add(leaving.conversation());
        leaving.end();

        TestSocket console = helpline.availableConsole(0, "stats.amina", TestConfig.PASSWORD);
        List<JsonObject> triages = List.of(triage("victim", true), triage("victim", true), triage("victim", true),
                triage("witness", false));
        List<Helpline.Visitor> visitors = new ArrayList<>();
        for (JsonObject triage : triages) {
            Helpline.Visitor visitor = helpline.visitor(0, triage);
            assertEquals(visitor.conversation(), console.next("assigned").getString("conversation"));
            visitors.add(visitor);
            conversations.add(visitor.conversation());
        }
        for (int i = 0; i < visitors.size(); i++) {
            String id = visitors.get(i).conversation();
            console.send(new JsonObject().put("type", "end").put("conversation", id));
            visitors.get(i).socket().next("ended");
            JsonArray tags = new JsonArray().add("woman");
            if (i == 0) {
                tags.add("referral-shelter");
            }
            console.send(new JsonObject().put("type", "outcome").put("conversation", id).put("tags", tags));
            console.take(f -> "outcome_recorded".equals(f.getString("type")) && id.equals(f.getString("conversation")),
                    "outcome recorded");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> counters = helpline.inRedis(redis -> redis.hgetall("hl:stats:day:" + today));
        assertEquals("4", counters.get(TAGGED + "|received"));
        assertEquals("2", counters.get("-|received"));
        for (String id : conversations) {
            assertFalse(counters.toString().contains(id), "no conversation id in the counters");
        }
        String token = helpline.login(0, "stats.sam", TestConfig.PASSWORD);
        assertEquals(0, rows(statistics(0, token, "from=" + today + "&to=" + today)).size(),
                "today is not over: not exported");

        helpline.inRedis(redis -> redis.rename("hl:stats:day:" + today, "hl:stats:day:" + DAY));
        String byDay = "from=" + DAY + "&to=" + DAY;
        JsonObject day = statistics(0, token, byDay);
        JsonObject all = row(day, "all");
        JsonObject association = row(day, TAGGED);
        JsonObject none = row(day, "none");
        assertEquals(DAY.toString(), all.getString("period"));
        assertEquals(6, all.getInteger("received"));
        assertEquals("*", all.getString("answered"), "6 received - 4 answered would give the 2 nobody answered");
        assertEquals("*", association.getString("answered"), "it would give the network's answered back");
        assertEquals(0, none.getInteger("answered"), "zero by construction: shown as it is");
        assertEquals(3, all.getInteger("role.victim"));
        assertEquals(3, all.getInteger("children.yes"));
        assertEquals(4, all.getInteger("tag.woman"));
        assertEquals("*", association.getString("received"), "6 in all - 4 here would give the 2 unanswered");
        assertEquals(4, association.getInteger("answeredWithinServiceLevel"));
        assertEquals("<3", association.getString("role.witness"));
        assertEquals("<3", association.getString("children.notSaid"));
        assertEquals("*", association.getString("children.yes"), "children yes + not said add up to received");
        assertEquals(4, association.getInteger("tag.woman"));
        assertEquals("<3", association.getString("tag.referral-shelter"));
        assertEquals("<3", none.getString("received"));
        assertEquals("<3", none.getString("redirected"));
        assertEquals("<3", none.getString("unansweredWithoutAlternative"));
        assertEquals(null, all.getValue("waitMedian"), "no wait shown where the answered chats are not");
        assertEquals(null, none.getValue("waitMedian"), "no wait shown for fewer than 3 answers");
        for (String id : conversations) {
            assertFalse(day.encode().contains(id), "no conversation id in the export");
        }

        HttpResponse<String> csv = helpline.withToken(0, token, "/api/supervisor/statistics?" + byDay
                + "&format=csv&association=" + TAGGED, null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals(2, lines.size(), csv.body());
        List<String> header = List.of(lines.get(0).split(","));
        List<String> cells = List.of(lines.get(1).split(",", -1));
        assertEquals(List.of("period", "association", "received"), header.subList(0, 3));
        assertEquals(List.of(DAY.toString(), TAGGED, "*"), cells.subList(0, 3));
        assertEquals("<3", cells.get(header.indexOf("role.witness")));
        assertEquals("4", cells.get(header.indexOf("tag.woman")));

        JsonObject month = statistics(0, token, "from=" + DAY + "&to=" + DAY + "&by=month");
        assertEquals(YearMonth.from(DAY).atDay(1).toString(), month.getString("from"), "whole months");
        assertEquals(YearMonth.from(DAY).toString(), row(month, "all").getString("period"));
        assertEquals(6, row(month, "all").getInteger("received"));

        helpline.redis().stop();
        helpline.redis().restart();
        JsonObject again = Waits.until(() -> statistics(1, token, byDay), body -> body.containsKey("rows"), 20,
                "the export after Redis restarted");
        assertEquals(day, again, "the counters survived the restart; any node reads them");
    }

    @Test
    void onlySupervisorsMayExportAndWrongQueriesAreRefused() {
        String path = "/api/supervisor/statistics?from=2026-01-01&to=2026-01-31";
        assertEquals(401, helpline.get(0, path).statusCode());
        String counsellor = helpline.login(0, "stats.amina", TestConfig.PASSWORD);
        HttpResponse<String> refused = helpline.withToken(0, counsellor, path, null);
        assertEquals(403, refused.statusCode());
        assertEquals("not_supervisor", new JsonObject(refused.body()).getString("error"));
        String token = helpline.login(0, "stats.sam", TestConfig.PASSWORD);
        for (Map.Entry<String, String> wrong : Map.of(
                "from=2026-01-01", "invalid_date",
                "from=2026-02-30&to=2026-03-01", "invalid_date",
                "from=01/01/2026&to=2026-03-01", "invalid_date",
                "from=2026-03-01&to=2026-01-01", "invalid_range",
                "from=2020-01-01&to=2026-01-01", "invalid_range",
                "from=2026-01-01&to=2026-01-02&association=nobody", "unknown_association",
                "from=2026-01-01&to=2026-01-02&format=xml", "invalid_format",
                "from=2026-01-01&to=2026-01-02&by=week", "invalid_grouping").entrySet()) {
            HttpResponse<String> response = helpline.withToken(0, token, "/api/supervisor/statistics?"
                    + wrong.getKey(), null);
            assertEquals(400, response.statusCode(), wrong.getKey());
            assertEquals(wrong.getValue(), new JsonObject(response.body()).getString("error"), wrong.getKey());
        }
        assertEquals(200, helpline.withToken(0, token, path + "&association=none&by=month", null).statusCode());
    }

    /** A visitor in danger takes one of the lines shown to them and leaves before anyone answered. */
    private static String redirectedInDanger() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        visitor.socket().send(new JsonObject().put("type", "danger"));
        JsonObject alternatives = visitor.socket().next("alternatives");
        String hotline = alternatives.getJsonArray("hotlines").getJsonObject(0).getString("id");
        visitor.socket().send(new JsonObject().put("type", "took_alternative").put("hotline", hotline));
        Waits.until(() -> helpline.inRedis(redis -> redis.hexists("hl:conv:{" + visitor.conversation() + "}",
                "redirectedAt")), 10, "the line taken recorded");
        visitor.end();
        return visitor.conversation();
    }

    private static JsonObject triage(String role, boolean children) {
        return new JsonObject().put("role", role).put("childrenInvolved", children).put("language", "fr");
    }

    private static JsonObject statistics(int node, String token, String query) {
        HttpResponse<String> response = helpline.withToken(node, token, "/api/supervisor/statistics?" + query, null);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static List<JsonObject> rows(JsonObject export) {
        return export.getJsonArray("rows").stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject row(JsonObject export, String association) {
        return rows(export).stream().filter(row -> association.equals(row.getString("association"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + association + " in " + export.encode()));
    }
}
