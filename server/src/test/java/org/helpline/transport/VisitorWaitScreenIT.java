package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Criterion;
import org.helpline.domain.OpeningHours;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.Screen;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * What a visitor waiting or talking on a 360 x 640 phone (touch screen) sees where she is looking, in real headless
 * Chromium against the real server: the chat line above the reply box says why no counsellor answers yet (all busy,
 * or closed at this hour for her need, then without a wait time) with lines open now to call; started "in danger right
 * now", it keeps the urgent words and the emergency numbers once her place in the queue is known; and "I'm in danger
 * now" pressed in a chat says, in view at the top of the emergency numbers, that her alert was sent, even when it was
 * pressed offline and the tab reloaded before the connection came back. Each test has an
 * association of its own, reached only from its own region (one routing step, by region): no chat of one test can go
 * to the counsellor of another.
 */
class VisitorWaitScreenIT {
    private static final By LINE = By.id("chat-line");
    private static final By LINE_NUMBER = By.cssSelector("#chat-line a[href^='tel:']");
    private static final By QUEUE = By.id("queue-position");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private final List<Browser> browsers = new ArrayList<>();

    /**
     * One open association (direct assignment) per test, serving its own region only, and one that is never open
     * (region {@code closed-area}), with a counsellor each.
     */
    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        List<Association> associations = new ArrayList<>(base.associations());
        for (String area : List.of("full", "take", "danger", "talk", "reload", "where")) {
            associations.add(TestConfig.association("wait-" + area, RoutingMode.DIRECT, false,
                    Set.of(area + "-area")));
        }
        associations.add(new Association("wait-closed", "Never open", TestConfig.ALL_TOPICS, Set.of("closed-area"),
                Set.of("fr", "en"), OpeningHours.weekly(ZoneId.of("UTC"), Map.of()), 3, RoutingMode.DIRECT, false));
        List<Counsellor> counsellors = List.of(TestConfig.counsellor("wait.full", 1, "wait-full"),
                TestConfig.counsellor("wait.take", 2, "wait-take"),
                TestConfig.counsellor("wait.danger", 1, "wait-danger"),
                TestConfig.counsellor("wait.talk", 2, "wait-talk"),
                TestConfig.counsellor("wait.reload", 2, "wait-reload"),
                TestConfig.counsellor("wait.where", 2, "wait-where"),
                TestConfig.counsellor("wait.closed", 2, "wait-closed"));
        return ConfigBuilder.from(base).associations(associations).counsellors(counsellors)
                .steps(new RoutingStep("region-only", Set.of(Criterion.REGION), Duration.ZERO)).build();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
    }

    /** The visitor page in English on a 360 x 640 phone with a touch screen. */
    private Screen onPhone(Browser phone) {
        browsers.add(phone);
        return Screen.visitorPhone(phone, "http://localhost:" + helpline.port(0) + "/?lang=en");
    }

    /** Starts from the form with this region, said in danger now or not. */
    private static void start(Browser phone, String region, boolean inDanger) {
        phone.find(By.id("region")).sendKeys(region);
        if (inDanger) {
            phone.click(By.id("danger"));
        }
        phone.click(By.id("start"));
        phone.visible(By.id("chat"));
    }

    /**
     * The phone, whose sockets the test may drop, in a chat with the counsellor of {@code area} ({@code console});
     * answers the conversation.
     */
    private String talking(Browser phone, TestSocket console, String area) {
        phone.keepWebSockets();
        onPhone(phone);
        start(phone, area + "-area", false);
        String conversation = console.next("assigned").getString("conversation");
        phone.textAppears(LINE, "Counsellor wait." + area + " is with you.");
        return conversation;
    }

    @Test
    void noCounsellorFreeIsSaidWithNumbersToCallOnTheChatLine() {
        // her association's only counsellor is online, with her one place taken: alternatives reason no_counsellor
        TestSocket console = helpline.availableConsole(0, "wait.full", TestConfig.PASSWORD);
        helpline.assignedVisitor(console, new JsonObject().put("region", "full-area"));
        Browser phone = Browser.open();
        Screen screen = onPhone(phone);

        start(phone, "full-area", false);
        phone.textAppears(By.id("alt-reason"), "No counsellor is free right now.");
        phone.textAppears(LINE, "No counsellor is free yet.");
        screen.assertInView(LINE, "no counsellor free");
        screen.assertInView(LINE_NUMBER, "no counsellor free: a line open now, to call at once");
    }

    @Test
    void closedAtThisHourForHerNeedGivesNoWaitTimeAndNumbersToCallOnTheChatLine() {
        // a counsellor online, and a chat taken within the last 15 minutes: other waiting visitors get an estimate
        // from that throughput; she gets none (no association can take her chat now), nor shows one told before
        TestSocket console = helpline.availableConsole(0, "wait.take", TestConfig.PASSWORD);
        helpline.assignedVisitor(console, new JsonObject().put("region", "take-area"));
        Browser phone = Browser.open();
        Screen screen = onPhone(phone);

        start(phone, "closed-area", false);
        phone.textAppears(By.id("alt-reason"), "Our counsellors are not available at this hour.");
        phone.textAppears(LINE, "No counsellor can take your chat at this hour.");
        screen.assertInView(LINE, "closed at this hour");
        screen.assertInView(LINE_NUMBER, "closed at this hour: a line open now, to call at once");
        phone.textAppears(QUEUE, "so there is no wait time to give");
        assertFalse(phone.find(LINE).getText().contains("minute"), "no wait time: " + phone.find(LINE).getText());
        assertFalse(phone.find(QUEUE).getText().contains("minute"), "no wait time: " + phone.find(QUEUE).getText());
    }

    @Test
    void aStartInDangerKeepsTheUrgentWordsAndEmergencyNumbersOnTheChatLineOnceHerPlaceIsKnown() {
        // her association's only counsellor is busy: she waits, and her place in the queue comes
        TestSocket console = helpline.availableConsole(0, "wait.danger", TestConfig.PASSWORD);
        helpline.assignedVisitor(console, new JsonObject().put("region", "danger-area"));
        Browser phone = Browser.open();
        Screen screen = onPhone(phone);

        start(phone, "danger-area", true);
        phone.textAppears(QUEUE, "in the queue");
        String line = phone.find(LINE).getText();
        assertTrue(line.startsWith("Your chat is marked urgent."), "the urgent words stay: " + line);
        screen.assertInView(LINE, "in danger, her place known");
        // her region names no country: the emergency numbers of every country in the directory, 112 among them
        screen.assertInView(By.cssSelector("#chat-line a[href='tel:112']"), "in danger: an emergency number");
    }

    @Test
    void inDangerNowPressedInAChatSaysInViewThatHerAlertWasSent() {
        TestSocket console = helpline.availableConsole(0, "wait.talk", TestConfig.PASSWORD);
        Browser phone = Browser.open();
        Screen screen = onPhone(phone);

        start(phone, "talk-area", false);
        String conversation = console.next("assigned").getString("conversation");
        phone.textAppears(LINE, "Counsellor wait.talk is with you.");
        phone.click(By.id("in-danger-now"));
        assertEquals(conversation, console.next("danger").getString("conversation"), "her counsellor is told");
        phone.textAppears(By.id("danger-sent"), "Your alert was sent to your counsellor and the helpline.");
        screen.assertInView(By.id("danger-sent"), "right after the press, with the emergency numbers");
        screen.assertInView(By.cssSelector("#emergency a[href='tel:112']"), "right after the press");
        phone.textAppears(LINE, "Your alert was sent to your counsellor and the helpline.");
    }

    /**
     * Her start in danger raised no alert, nor did her press of "I'm in danger now" (the server says `alerted: false`,
     * as it does for a chat started beyond its network's chats of the hour: AbuseVisitorIT; here set on the server's
     * own frames as they come): the page says that her chat could not be marked urgent, never that an alert was sent,
     * and gives the emergency numbers in view.
     */
    @Test
    void aDangerNoAlertWentOutForIsSaidWithTheNumbersNeverAsSent() {
        Browser phone = Browser.open();
        phone.keepWebSockets();
        Screen screen = onPhone(phone);
        phone.script("const s = window.testSockets.at(-1); const page = s.onmessage; s.onmessage = (e) => {"
                + " const f = JSON.parse(e.data); if (f.type === 'started' || f.type === 'alternatives'"
                + " && f.reason === 'danger') f.alerted = false; page.call(s, { data: JSON.stringify(f) }); };");

        start(phone, "closed-area", true);
        // the wait's reason first: a reason that comes later brings the chat line into view (its numbers too)
        phone.textAppears(By.id("alt-reason"), "Our counsellors are not available at this hour.");
        phone.textAppears(LINE, "Your chat could not be marked urgent from here right now.");
        screen.assertInView(By.cssSelector("#chat-line a[href='tel:112']"), "the numbers to call instead");
        phone.click(By.id("in-danger-now"));
        phone.textAppears(By.id("danger-sent"), "Your chat could not be marked urgent from here right now. If you are"
                + " in danger, call one of these numbers now.");
        screen.assertInView(By.id("danger-sent"), "right after the press");
        for (By said : List.of(LINE, By.id("danger-sent"), By.id("status"))) {
            String text = phone.find(said).getText();
            assertFalse(text.contains("sent") || text.contains("is marked urgent"), "never said sent: " + text);
        }
        phone.endChat(); // not left waiting in danger ahead of the other tests' visitors
    }

    /**
     * She presses "I'm in danger now" with no connection, and her phone reloads the tab before the connection comes
     * back: the alert is still sent once the page is back, once; then nothing of it stays in storage.
     */
    @Test
    void anAlertPressedOfflineIsSentOnceAfterAReloadAndThenLeavesStorage() {
        TestSocket console = helpline.availableConsole(0, "wait.reload", TestConfig.PASSWORD);
        Browser phone = Browser.open();
        String conversation = talking(phone, console, "reload");
        phone.offline(true);
        phone.dropLastWebSocket();
        phone.click(By.id("in-danger-now"));
        phone.textAppears(By.id("danger-sent"), "Not connected: your alert goes to the helpline as soon as the");

        phone.driver().navigate().refresh(); // online again: the page's sockets connect
        assertEquals(conversation, console.next("danger").getString("conversation"), "the alert pressed offline");
        phone.textAppears(LINE, "Your alert was sent to your counsellor and the helpline.");
        assertNull(new JsonObject((String) phone.script("return sessionStorage.getItem('helpline.visitor')"))
                .getString("danger"), "answered: nothing of her danger stays in storage, and nothing is sent again");

        phone.driver().navigate().refresh();
        phone.textAppears(LINE, "Counsellor wait.reload is with you.");
        assertEquals(0, console.all("danger", TestSocket.QUIET).size(), "told once");
    }

    /** Her place shared as the connection drops: the page does not go on saying "Sending…" for ever. */
    @Test
    void aShareWhoseAnswerWasLostSaysSoAndKeepsWhatSheWrote() {
        TestSocket console = helpline.availableConsole(0, "wait.where", TestConfig.PASSWORD);
        Browser phone = Browser.open();
        String conversation = talking(phone, console, "where");
        console.send(new JsonObject().put("type", "request_location").put("conversation", conversation));
        phone.visible(By.id("location-text")).sendKeys("Rue des Lilas, Lille");
        phone.dropLastWebSocketAtFrame("location_shared");
        phone.click(By.id("location-share"));
        phone.textAppears(By.id("location-status"), "The connection was lost while sharing");
        assertEquals("Rue des Lilas, Lille", phone.find(By.id("location-text")).getAttribute("value"),
                "to share again");
    }
}
