package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.helpline.store.DashboardStore;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The supervisor page at 1280x800 in a real headless Chromium: a danger alert follows its chat (waiting, answered by a
 * counsellor, ended) instead of saying "still waiting" for ever; the active chats table shows the reference the alert
 * cites, and the alert's link brings that row into view with the focus; axe-core stays clean with the alert shown; the
 * charts fit the few minutes of figures there are instead of a sliver at the edge of the six-hour window; an
 * escalation whose webhook outcome never came (its node stopped) is an urgent alert and its row says unconfirmed.
 */
class SupervisorAlertsBrowserIT {
    private static final int SEEDED_MINUTES = 8;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("alerts.counsellor", 2), TestConfig.supervisor("alerts.supervisor")));

    private static Browser desk;

    @BeforeAll
    static void start() {
        desk = Browser.open(1280, 800);
    }

    @AfterAll
    static void stop() {
        if (desk != null) {
            desk.close();
        }
    }

    /** The supervisor page, logged in afresh (a session left in this tab's storage by another test is dropped). */
    private static void openDashboard() {
        desk.get("http://localhost:" + helpline.port(0) + "/supervisor/");
        desk.script("sessionStorage.clear()");
        desk.get("http://localhost:" + helpline.port(0) + "/supervisor/");
        desk.logIn("alerts.supervisor", TestConfig.PASSWORD);
        desk.visible(By.id("totals"));
    }

    private static String dangerDetail() {
        return desk.find(By.cssSelector("#alerts li.alert.danger .alert-detail")).getText();
    }

    @Test
    void aDangerAlertFollowsItsChatAndLinksToItsRow() {
        openDashboard();

        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("inDanger", true));
        String reference = visitor.conversation().substring(0, 8) + "…";
        desk.textAppears(By.cssSelector("#alerts li.alert.danger .alert-detail"), "still waiting for a counsellor");
        assertTrue(dangerDetail().contains("conversation " + reference), dangerDetail());
        assertTrue(desk.inView(desk.find(By.cssSelector("#alerts li.alert.danger"))), "the alert in view");
        AccessibilityIT.assertAccessible(desk, "supervisor page, a danger alert waiting");

        TestSocket console = helpline.availableConsole(0, "alerts.counsellor", TestConfig.PASSWORD);
        console.next("assigned");
        desk.textAppears(By.cssSelector("#alerts li.alert.danger .alert-state"),
                "answered: with Counsellor alerts.counsellor");
        assertFalse(dangerDetail().contains("still waiting"), dangerDetail());
        desk.textAppears(By.cssSelector("#active-rows th"), reference);
        desk.visible(By.cssSelector("#alerts li.alert.danger .chat-ref a"));
        assertEquals("conversation " + reference,
                desk.find(By.cssSelector("#alerts li.alert.danger .chat-ref a")).getText());
        AccessibilityIT.assertAccessible(desk, "supervisor page, a danger alert answered, linked to its row");

        desk.click(By.cssSelector("#alerts li.alert.danger .chat-ref a"));
        By row = By.id("chat-" + visitor.conversation());
        desk.waiting().until(driver -> driver.switchTo().activeElement().equals(driver.findElement(row)));
        desk.waiting().until(driver -> desk.inView(driver.findElement(row)));
        assertTrue(desk.find(row).getText().startsWith(reference));

        visitor.end();
        desk.textAppears(By.cssSelector("#alerts li.alert.danger .alert-state"), "chat ended");
        desk.waiting().until(driver -> driver.findElements(By.cssSelector("#alerts .chat-ref a")).isEmpty());
        assertTrue(dangerDetail().contains("conversation " + reference), "the reference stays, without a link");
    }

    @Test
    void anAlertRaisedWhileThePageWasDisconnectedComesWhenItIsBack() {
        desk.keepWebSockets();
        openDashboard();
        Helpline.Visitor first = helpline.visitor(0, new JsonObject().put("inDanger", true));
        Helpline.Visitor meanwhile = null;
        try {
            desk.textAppears(By.cssSelector("#alerts li.alert.danger .alert-detail"), reference(first));
            desk.offline(true);
            desk.dropLastWebSocket();
            desk.textAppears(By.id("sv-connection"), "Connection lost");
            meanwhile = helpline.visitor(0, new JsonObject().put("inDanger", true));
            // no dashboard for 10 s: the page says it is not up to date (a frozen screen must not look live)
            desk.textAppears(By.id("sv-stale"), "the figures, chats and alerts on this page may be out of date");
            assertTrue(desk.driver().getTitle().startsWith("(not updated)"), desk.driver().getTitle());
            desk.offline(false);
            desk.script("window.dispatchEvent(new Event('online'))"); // back now, not at the backoff's next try
            desk.textAppears(By.id("sv-notice"), "the alerts raised meanwhile are added above");
            desk.waiting().until(driver -> !driver.findElement(By.id("sv-stale")).isDisplayed());
            Helpline.Visitor raised = meanwhile;
            desk.waiting().until(driver -> alertsCiting(raised) == 1);
            assertEquals(1, alertsCiting(first), "an alert shown once");
        } finally {
            first.end();
            if (meanwhile != null) {
                meanwhile.end();
            }
        }
    }

    private static String reference(Helpline.Visitor visitor) {
        return "conversation " + visitor.conversation().substring(0, 8) + "…";
    }

    private static long alertsCiting(Helpline.Visitor visitor) {
        return desk.driver().findElements(By.cssSelector("#alerts li.alert.danger")).stream()
                .filter(alert -> alert.getText().contains(reference(visitor))).count();
    }

    @Test
    void anEscalationLeftUnconfirmedIsAnUrgentAlertAndItsRowFollowsItsOutcome() {
        openDashboard();
        String escalation = "unconfirmedEsc01";
        JsonObject made = new JsonObject().put("type", "alert").put("escalation", escalation)
                .put("association", "test-direct").put("target", "fr-police-17").put("targetKind", "emergency")
                .put("at", System.currentTimeMillis());
        publish(made.copy().put("kind", "escalation").put("targetName", "Police secours - 17"));
        By row = By.cssSelector("#recent-rows tr[data-escalation='" + escalation + "']");
        desk.textAppears(row, "—");

        publish(made.copy().put("kind", "escalation_unconfirmed").put("webhook", "unconfirmed"));
        desk.textAppears(By.cssSelector("#alerts li.alert.unconfirmed .alert-title"),
                "Escalation to fr-police-17 (Emergency services) not confirmed: pass it on by hand");
        desk.textAppears(By.cssSelector("#alerts li.alert.unconfirmed .alert-detail"),
                "ask the on-call receiver for reference " + escalation.substring(0, 8) + "…");
        desk.textAppears(row, "unconfirmed");
        assertEquals(1, desk.driver().findElements(row).size(), "the same row, not a second one");
        AccessibilityIT.assertAccessible(desk, "supervisor page, an unconfirmed escalation");

        publish(made.copy().put("kind", "escalation_settled").put("webhook", "delivered"));
        desk.textAppears(By.cssSelector("#alerts li.alert.escalation .alert-title"),
                "Escalation to fr-police-17 (Emergency services) settled after all: delivered");
        desk.textAppears(row, "delivered");
        assertEquals(1, desk.driver().findElements(row).size(), "still the same row");
    }

    private static void publish(JsonObject alert) {
        helpline.inRedis(redis -> redis.publish(Keys.SUPERVISORS_CHANNEL, alert.encode()));
    }

    @Test
    void theChartsFitTheMinutesThereAre() {
        long now = DashboardStore.epochMinute(Instant.now());
        helpline.inRedis(redis -> {
            for (long minute = now - SEEDED_MINUTES; minute < now; minute++) {
                redis.hset(Keys.minuteSample(minute), "waiting", String.valueOf(minute % 3 + 1));
                redis.hset(Keys.minuteSample(minute), "longestWait", "45000");
                redis.expire(Keys.minuteSample(minute), 3600);
            }
            return null;
        });
        openDashboard();
        desk.visible(By.cssSelector("#waiting-chart .series polyline"));
        double share = ((Number) desk.script("const chart = document.querySelector('#waiting-chart svg');"
                + "const line = chart.querySelector('.series polyline').getBBox();"
                + "return line.width / chart.viewBox.baseVal.width;")).doubleValue();
        assertTrue(share > 0.5, "eight minutes of figures cross most of the chart, not a sliver: " + share);
        desk.script("document.getElementById('history-title').scrollIntoView()");
        assertTrue(desk.inView(desk.find(By.cssSelector("#waiting-chart svg"))), "the chart in view");
    }
}
