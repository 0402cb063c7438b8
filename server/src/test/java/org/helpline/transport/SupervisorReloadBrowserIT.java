package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The supervisor page reloaded (or its tab restored by the browser) in a real headless Chromium: the danger alert it
 * showed comes back, once, with the state of its chat now, still marked as seen; the monitor pane it had open reads the
 * chat again (its history, then live). Session storage holds ids, never a chat's text. A logout forgets it all: logged
 * in again, the page shows neither that alert nor that pane. An alert raised before the login is never shown.
 */
class SupervisorReloadBrowserIT {
    private static final String COUNSELLOR = "reload.counsellor";
    private static final String SUPERVISOR = "reload.supervisor";
    private static final String STORE = "helpline.supervisor";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 3), TestConfig.supervisor(SUPERVISOR)));

    private static By alertOf(String conversation) {
        return By.cssSelector("#alerts li.alert.danger[data-conversation='" + conversation + "']");
    }

    private static By inAlert(String conversation, String css) {
        return By.cssSelector("#alerts li.alert.danger[data-conversation='" + conversation + "'] " + css);
    }

    private static By inPane(String conversation, String css) {
        return By.cssSelector("section.monitor-pane[data-conversation='" + conversation + "'] " + css);
    }

    private static int count(Browser desk, String css) {
        return desk.driver().findElements(By.cssSelector(css)).size();
    }

    @Test
    void aReloadShowsTheAlertsAndPanesAgainAndALogoutForgetsThem() {
        // raised before the login: in the alert log, but not this screen's
        Helpline.Visitor before = helpline.visitor(0, new JsonObject().put("inDanger", true));
        before.end();
        TestSocket console = helpline.availableConsole(0, COUNSELLOR, TestConfig.PASSWORD);
        Helpline.Visitor visitor = null;
        Helpline.Visitor later = null;
        try (Browser desk = Browser.open(1280, 800)) {
            desk.get("http://localhost:" + helpline.port(0) + "/supervisor/");
            desk.logIn(SUPERVISOR, TestConfig.PASSWORD);
            desk.visible(By.id("totals"));
            desk.textAppears(By.id("sv-connection"), "Connected");

            visitor = helpline.assignedVisitor(console, new JsonObject().put("inDanger", true));
            String chat = visitor.conversation();
            desk.textAppears(inAlert(chat, ".alert-state"), "answered: with Counsellor " + COUNSELLOR);
            assertEquals(1, count(desk, "#alerts li.alert"), "the alert raised before the login is not shown");
            visitor.says("v-1", "He is outside the door");
            desk.click(inAlert(chat, "button.monitor-chat"));
            desk.textAppears(inPane(chat, "li.message.from-visitor .text"), "He is outside the door");
            desk.click(By.id("sv-seen"));
            desk.waiting().until(driver -> !driver.findElement(By.id("sv-unseen")).isDisplayed());

            desk.driver().navigate().refresh();
            desk.visible(By.id("totals"));
            desk.textAppears(inAlert(chat, ".alert-state"), "answered: with Counsellor " + COUNSELLOR);
            desk.textAppears(inPane(chat, "li.message.from-visitor .text"), "He is outside the door");
            desk.textAppears(inPane(chat, ".pane-status"), "Monitoring");
            assertEquals(1, desk.driver().findElements(alertOf(chat)).size(), "the alert shown again, once");
            assertEquals(1, count(desk, "#alerts li.alert"), "and no alert the screen did not show before");
            assertFalse(desk.find(alertOf(chat)).getAttribute("class").contains("new"), "still marked as seen");
            assertFalse(desk.find(By.id("sv-unseen")).isDisplayed(), "no unseen alert after the reload");
            visitor.says("v-2", "I locked myself in");
            desk.textAppears(inPane(chat, "li.message.from-visitor:last-of-type .text"), "I locked myself in");
            assertEquals(1, count(desk, "section.monitor-pane"), "one pane");
            String stored = (String) desk.script("return sessionStorage.getItem(arguments[0])", STORE);
            assertTrue(stored.contains(chat), "the pane's chat kept by its reference: " + stored);
            assertFalse(stored.contains("outside the door") || stored.contains("locked myself"),
                    "no chat text in session storage: " + stored);

            desk.click(By.id("sv-logout"));
            desk.visible(By.id("counsellor-id"));
            assertNull(desk.script("return sessionStorage.getItem(arguments[0])", STORE), "a logout keeps nothing");
            desk.logIn(SUPERVISOR, TestConfig.PASSWORD);
            desk.visible(By.id("totals"));
            desk.textAppears(By.id("sv-connection"), "Connected");
            // a new alert comes after any the log would replay: once it shows, none of before can come
            later = helpline.assignedVisitor(console, new JsonObject().put("inDanger", true));
            desk.visible(alertOf(later.conversation()));
            assertEquals(1, count(desk, "#alerts li.alert"), "only the alert raised since the new login");
            assertEquals(0, count(desk, "section.monitor-pane"), "no pane of the session before");

            desk.driver().navigate().refresh(); // and a reload of this session shows only its own
            desk.visible(By.id("totals"));
            desk.visible(alertOf(later.conversation()));
            assertEquals(1, count(desk, "#alerts li.alert"), "still only the alert raised since the new login");
            assertEquals(0, count(desk, "section.monitor-pane"), "still no pane");
        } finally {
            for (Helpline.Visitor open : new Helpline.Visitor[] {visitor, later}) {
                if (open != null) {
                    open.end();
                }
            }
            console.close();
        }
    }
}
