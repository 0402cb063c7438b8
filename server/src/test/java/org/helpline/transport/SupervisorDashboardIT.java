package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Criterion;
import org.helpline.domain.OpeningHours;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The supervisor dashboard in a real headless Chromium, for a network of 50 associations: a supervisor logs in, finds
 * one association with the filter, sees a visitor's chat waiting under the association expected to answer it, then
 * the chat active, an escalation alert the moment a counsellor escalates, and a high-risk alert.
 */
class SupervisorDashboardIT {
    private static final int ASSOCIATIONS = 50;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static Browser browser;

    /** 49 associations serving département 01 to 49, one counsellor each, and a 50th to find by name. */
    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = new ArrayList<>();
        List<Counsellor> counsellors = new ArrayList<>();
        for (int i = 1; i < ASSOCIATIONS; i++) {
            String number = String.format("%02d", i);
            associations.add(new Association("assoc-" + number, "Association " + number, TestConfig.ALL_TOPICS,
                    Set.of(number), Set.of("fr", "en"), OpeningHours.always(), 2,
                    RoutingMode.DIRECT, false));
            counsellors.add(TestConfig.counsellor("page.c" + number, 2, "assoc-" + number));
        }
        associations.add(TestConfig.association("assoc-flandres", RoutingMode.DIRECT, false, Set.of("59")));
        counsellors.add(new Counsellor("page.supervisor", "Sam", "assoc-flandres", Set.of("fr"), Set.of(), 1,
                TestConfig.counsellor("x", 1).passwordHash(), true, false));
        return ConfigBuilder.from(base).associations(associations).counsellors(counsellors).steps(
                new RoutingStep("local", Set.of(Criterion.REGION), Duration.ofMinutes(30)),
                new RoutingStep("anyone", Set.of(), Duration.ZERO)).build();
    }

    @BeforeAll
    static void start() {
        browser = Browser.open(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static List<WebElement> associationRows() {
        return browser.driver().findElements(By.cssSelector("#association-rows tr[data-association]"));
    }

    /** The cells of one association's row (the page redraws rows when figures change: read them in one go). */
    private static List<String> cells(String association) {
        return browser.waiting().ignoring(StaleElementReferenceException.class).until(driver -> driver.findElement(
                        By.cssSelector("#association-rows tr[data-association='" + association + "']"))
                .findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList());
    }

    @Test
    void aSupervisorSeesAWaitingChatAmongFiftyAssociationsThenItsEscalation() {
        browser.get("http://localhost:" + helpline.port(0) + "/supervisor/");
        browser.logIn("page.supervisor", TestConfig.PASSWORD);
        browser.visible(By.id("totals"));
        browser.textAppears(By.id("associations-shown"), "of " + ASSOCIATIONS + " associations");

        browser.click(By.id("only-active"));
        browser.waiting().until(driver -> associationRows().size() == ASSOCIATIONS);
        browser.find(By.id("association-filter")).sendKeys("assoc-flandres");
        browser.waiting().until(driver -> associationRows().size() == 1);
        assertEquals("Test association assoc-flandres", cells("assoc-flandres").get(0));
        browser.textAppears(By.id("associations-shown"), "Showing 1 of 50 associations");
        browser.find(By.id("association-filter")).clear();
        browser.click(By.id("only-active"));

        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("region", "07").put("language", "fr"));
        browser.textAppears(By.cssSelector("#total-waiting dd"), "1");
        browser.waiting().until(driver -> !driver.findElements(
                By.cssSelector("#association-rows tr[data-association='assoc-07']")).isEmpty());
        List<String> row = cells("assoc-07");
        assertEquals("1", row.get(1), "the chat waits for the association serving its region");
        assertEquals("1", row.get(4), "at the first routing step");
        assertTrue(browser.find(By.id("steps")).getText().contains("local 1"));
        assertTrue(browser.find(By.id("association-rows")).getText().contains("Association 07"));

        TestSocket counsellor = helpline.availableConsole(0, "page.c07", TestConfig.PASSWORD);
        assertEquals(visitor.conversation(), counsellor.next("assigned").getString("conversation"));
        browser.textAppears(By.id("active-rows"), "Counsellor page.c07");
        String chat = browser.find(By.id("active-rows")).getText();
        assertTrue(chat.contains("Association 07") && chat.contains("Not assessed") && chat.contains("Present"), chat);
        browser.textAppears(By.cssSelector("#total-waiting dd"), "0");

        counsellor.send(new JsonObject().put("type", "escalate").put("conversation", visitor.conversation())
                .put("target", "emergency"));
        String target = counsellor.next("escalation").getJsonObject("target").getString("name");
        browser.textAppears(By.cssSelector("#alerts li.alert.escalation .alert-title"), "Escalation to " + target
                + " (Emergency services)");
        browser.textAppears(By.cssSelector("#alerts li.alert.escalation .alert-detail"),
                "by Counsellor page.c07 · association Association 07");
        browser.textAppears(By.id("sv-unseen"), "1");
        browser.textAppears(By.id("recent-rows"), target);

        publishAlert(new JsonObject().put("type", "alert").put("kind", "risk")
                .put("conversation", visitor.conversation()).put("association", "assoc-07").put("level", "high")
                .put("at", System.currentTimeMillis()));
        browser.textAppears(By.cssSelector("#alerts li.alert.risk .alert-title"), "High risk assessed");
        browser.textAppears(By.cssSelector("#alerts li.alert.risk .alert-detail"), "association Association 07");
        browser.textAppears(By.id("sv-unseen"), "2");
        assertEquals("risk", browser.find(By.cssSelector("#alerts li.alert")).getAttribute("class")
                .split(" ")[2], "the newest alert first");
    }

    /** An alert as the console's risk checklist publishes it (kind risk, level high) on the supervisors' channel. */
    private static void publishAlert(JsonObject alert) {
        RedisClient client = RedisClient.create(helpline.redis().url());
        try (var connection = client.connect()) {
            connection.sync().publish(Keys.SUPERVISORS_CHANNEL, alert.encode());
        } finally {
            client.shutdown();
        }
    }
}
