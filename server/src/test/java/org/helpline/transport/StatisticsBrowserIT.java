package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The supervisors' statistics page in a real headless Chromium: reached from the dashboard with the same session, it
 * shows a past day's counters as a table (small counts as {@code <5}, the figure that would give one back as
 * {@code *}, a figure zero by construction as 0) and a bar chart in view, and exports them; without a session it says
 * where to log in.
 */
class StatisticsBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.supervisor("figures.sam")));

    private static final LocalDate DAY = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(12);

    private static By cell(String association, String figure) {
        return By.cssSelector("#st-rows tr[data-association='" + association + "'] td[data-figure='" + figure + "']");
    }

    @Test
    void aSupervisorSeesTheFiguresOfADayAsATableAndAChartAndExportsThem() {
        Map<String, String> counters = new HashMap<>();
        for (String figure : new String[] {"received", "answered", "role.victim", "inDanger.notSaid",
                "risk.notAssessed"}) {
            counters.put(TestConfig.DIRECT + "|" + figure, "12");
        }
        counters.put(TestConfig.DIRECT + "|children.yes", "2");
        counters.put(TestConfig.DIRECT + "|children.notSaid", "10");
        counters.put(TestConfig.DIRECT + "|answeredWithinServiceLevel", "7");
        counters.put(TestConfig.DIRECT + "|wait.30", "7");
        counters.put(TestConfig.DIRECT + "|answeredAfterServiceLevel", "5");
        counters.put(TestConfig.DIRECT + "|wait.90", "5");
        counters.put(TestConfig.DIRECT + "|tag.woman", "7");
        for (String figure : new String[] {"received", "redirected", "role.notSaid", "children.notSaid",
                "inDanger.notSaid", "risk.notAssessed"}) {
            counters.put("-|" + figure, "6");
        }
        helpline.inRedis(redis -> redis.hset("hl:stats:day:" + DAY, counters));

        String base = "http://127.0.0.1:" + helpline.port(0);
        try (Browser supervisor = Browser.open(1280, 900)) {
            supervisor.get(base + "/supervisor/");
            supervisor.logIn("figures.sam", TestConfig.PASSWORD);
            supervisor.visible(By.id("totals"));
            supervisor.click(By.id("sv-statistics"));
            supervisor.visible(By.id("st-form"));
            supervisor.script("document.getElementById('st-from').value = arguments[0];"
                    + " document.getElementById('st-to').value = arguments[0];", DAY.toString());
            supervisor.click(By.id("st-show"));
            supervisor.textAppears(By.id("st-status"), "Shown: " + DAY + " to " + DAY);

            supervisor.textAppears(cell("all", "received"), "18");
            supervisor.textAppears(cell(TestConfig.DIRECT, "tag.woman"), "7");
            supervisor.textAppears(cell(TestConfig.DIRECT, "children.yes"), "<5");
            supervisor.textAppears(cell(TestConfig.DIRECT, "children.notSaid"), "*");
            supervisor.textAppears(cell("none", "redirected"), "6");
            supervisor.textAppears(cell("none", "answered"), "0");
            supervisor.textAppears(cell("all", "waitMedian"), "<=30");
            assertEquals(2L, supervisor.script("return document.querySelectorAll('#st-chart svg rect').length;"),
                    "one bar received, one answered");
            assertTrue(Boolean.TRUE.equals(supervisor.script("const box = document.querySelector('#st-chart svg')"
                    + ".getBoundingClientRect(); return box.width > 200 && box.height > 50 && box.top >= 0"
                    + " && box.bottom <= innerHeight && box.right <= innerWidth;")), "the chart is in view");
            supervisor.textAppears(By.id("st-chart-summary"), "18 received and 12 answered");

            supervisor.click(By.id("st-csv"));
            supervisor.textAppears(By.id("st-status"), "Exported as CSV.");
            supervisor.click(By.id("st-json"));
            supervisor.textAppears(By.id("st-status"), "Exported as JSON.");

            supervisor.choose(By.id("st-association"), TestConfig.DIRECT);
            supervisor.click(By.id("st-show"));
            supervisor.waiting().until(driver -> driver.findElements(By.cssSelector("#st-rows tr")).size() == 1);
            supervisor.textAppears(By.id("st-chart-summary"), "whole network only");
        }
    }

    @Test
    void withoutASessionThePageSaysWhereToLogIn() {
        try (Browser stranger = Browser.open()) {
            stranger.get("http://127.0.0.1:" + helpline.port(0) + "/supervisor/statistics.html");
            stranger.textAppears(By.id("st-login"), "Log in on the supervisor page");
            assertFalse(stranger.find(By.id("st-show")).isEnabled(), "nothing to ask without a session");
        }
    }
}
