package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.Screen;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A supervisor takes a chat over, in four real headless Chromiums at 1280x800 (the visitor's page, the counsellor's
 * console, the supervisor page and the supervisor's own console, open with the same account and left away): from the
 * monitor pane, "Take over this chat" moves the chat to the supervisor's console with its whole history, once (the
 * pane says so whichever of {@code taken_over} and {@code transferred} comes first); the counsellor's console lets it
 * go, with a notice naming the supervisor, in view; the visitor's page names the supervisor and keeps every message,
 * and the chat goes on both ways; the supervisor's case record shows, in view, who took the chat over from whom and
 * when.
 */
class TakeoverBrowserIT {
    private static final String COUNSELLOR = "tob.amina";
    private static final String SUPERVISOR = "tob.sam";
    private static final By VISITOR_HEADER = By.cssSelector("header.topbar");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 3), TestConfig.supervisor(SUPERVISOR)));

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    private static By inChat(String conversation, String css) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] " + css);
    }

    private static By inPane(String conversation, String css) {
        return By.cssSelector("section.monitor-pane[data-conversation='" + conversation + "'] " + css);
    }

    /** A browser whose page shows at exactly 1280x800, with this page of the helpline loaded and made ready. */
    private static Browser open(String path, Consumer<Browser> ready) {
        Browser browser = Browser.open(1280, 1000);
        try {
            browser.viewport(1280, 800);
            browser.get(base() + path);
            assertEquals(List.of(1280L, 800L), browser.script("return [innerWidth, innerHeight]"), "a 1280x800 view");
            ready.accept(browser);
            return browser;
        } catch (RuntimeException | AssertionError failure) {
            browser.close(); // not left running when the test fails before it holds the browser
            throw failure;
        }
    }

    /** A staff page (console or supervisor page) with this account logged in. */
    private static Browser staff(String path, String account, By shown) {
        return open(path, browser -> {
            browser.logIn(account, TestConfig.PASSWORD);
            browser.visible(shown);
        });
    }

    /** The element is inside the window (below {@code header}, when given) and nothing covers its centre. */
    private static void inView(Browser browser, By locator, By header, String what) {
        browser.visible(locator);
        Screen screen = Screen.sized(browser, 1280, 800, false);
        assertEquals("", header == null ? screen.hidden(locator) : screen.hidden(locator, header),
                what + " is in view");
    }

    private static List<String> texts(Browser browser, By locator) {
        return browser.driver().findElements(locator).stream().map(WebElement::getText).toList();
    }

    private static void reply(Browser console, String conversation, String text) {
        console.find(inChat(conversation, "textarea.text")).sendKeys(text);
        console.click(inChat(conversation, "button.send"));
    }

    private static void say(Browser visitor, String text) {
        visitor.find(By.id("text")).sendKeys(text);
        visitor.click(By.id("send"));
        visitor.textAppears(By.cssSelector("#messages li.message.from-visitor[data-seq] .text"), text);
    }

    @Test
    void aSupervisorTakesAChatOverAndAnswersItFromTheirOwnConsole() {
        try (Browser supervisor = staff("/supervisor/", SUPERVISOR, By.id("totals"));
             Browser ownConsole = staff("/console/", SUPERVISOR, By.id("workspace"));
             Browser console = staff("/console/", COUNSELLOR, By.id("workspace"));
             Browser visitor = open("/", browser -> browser.visible(By.id("start")))) {
            ownConsole.textAppears(By.id("current-status"), "away"); // routing offers the supervisor nothing
            console.goAvailable();

            visitor.choose(By.id("role"), "victim");
            visitor.click(By.id("start"));
            visitor.visible(By.id("chat"));
            say(visitor, "He took my phone yesterday");
            WebElement card = console.visible(By.cssSelector("section.chat[data-conversation]"));
            String chat = card.getAttribute("data-conversation");
            console.textAppears(inChat(chat, "li.message.from-visitor .text"), "He took my phone yesterday");
            reply(console, chat, "I am Amina. Are you safe where you are?");
            visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "Are you safe");
            visitor.textAppears(By.id("status"), "Counsellor " + COUNSELLOR);

            supervisor.click(By.cssSelector("#monitorable li[data-conversation='" + chat + "'] button.monitor-chat"));
            supervisor.textAppears(inPane(chat, "li.message.from-counsellor .text"), "Are you safe");
            console.textAppears(inChat(chat, ".watchers"), "Supervisor " + SUPERVISOR + " is reading this chat");
            inView(supervisor, inPane(chat, "button.take-over"), null, "Take over this chat, in the monitor pane");
            supervisor.click(inPane(chat, "button.take-over"));
            By paneStatus = inPane(chat, ".pane-status");
            supervisor.waiting().until(d -> !d.findElement(paneStatus).getText().startsWith("Moving"));
            assertEquals("You hold this chat now: answer it in your counsellor console.",
                    supervisor.find(paneStatus).getText(), "the supervisor page's answer to the takeover");
            supervisor.script("window.HelplineMonitor.frames.transferred({conversation: arguments[0],"
                    + " counsellor: {name: arguments[1]}})", chat, "Supervisor " + SUPERVISOR);
            assertEquals("You hold this chat now: answer it in your counsellor console.",
                    supervisor.find(paneStatus).getText(), "the move to the supervisor may come after the answer");
            inView(supervisor, paneStatus, null, "the supervisor page says the chat is theirs");

            ownConsole.textAppears(inChat(chat, "li.message.from-visitor .text"), "He took my phone yesterday");
            ownConsole.textAppears(inChat(chat, "li.message.from-counsellor .text"), "Are you safe");
            assertEquals(List.of("He took my phone yesterday", "I am Amina. Are you safe where you are?"),
                    texts(ownConsole, inChat(chat, "li.message .text")),
                    "the supervisor's console has the whole history, each message once, in order");
            assertEquals(List.of("Counsellor " + COUNSELLOR),
                    texts(ownConsole, inChat(chat, "li.message.from-counsellor .who")), "who wrote it, by name");
            inView(ownConsole, inChat(chat, "li.message.from-counsellor .text"), null,
                    "the latest message on the supervisor's console");
            ownConsole.click(By.cssSelector("#conversations li[data-conversation='" + chat + "'] button"));
            inView(ownConsole, inChat(chat, "textarea.text"), null, "the supervisor's reply box");

            console.textAppears(By.id("console-notice"), "A supervisor, Supervisor " + SUPERVISOR
                    + ", took a chat of yours over");
            inView(console, By.id("console-notice"), null, "the notice naming the supervisor");
            console.waiting().until(d -> d.findElements(By.cssSelector("section.chat, #conversations li")).isEmpty());
            assertTrue(console.driver().findElements(By.cssSelector("textarea.text")).isEmpty(),
                    "the counsellor no longer holds the chat: no card, no reply box, nothing in her list");

            visitor.textAppears(By.id("status"), "You are now talking with Supervisor " + SUPERVISOR);
            visitor.textAppears(By.id("chat-line"), "Supervisor " + SUPERVISOR + " is with you.");
            inView(visitor, By.id("chat-line"), VISITOR_HEADER, "the supervisor's name above the visitor's reply box");
            say(visitor, "Are you still there?");
            ownConsole.textAppears(inChat(chat, "li.message.from-visitor .text"), "Are you still there?");
            reply(ownConsole, chat, "I am Sam, a supervisor; I am with you now.");
            visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "I am with you now");
            inView(visitor, By.cssSelector("#messages li.message.from-counsellor:last-of-type .text"), VISITOR_HEADER,
                    "the supervisor's answer on the visitor's page");
            List<String> conversation = List.of("He took my phone yesterday",
                    "I am Amina. Are you safe where you are?", "Are you still there?",
                    "I am Sam, a supervisor; I am with you now.");
            visitor.waiting().until(d -> d.findElements(By.cssSelector("#messages li.message[data-seq]")).size() == 4);
            ownConsole.waiting().until(d -> d.findElements(inChat(chat, "li.message[data-seq]")).size() == 4);
            assertEquals(conversation, texts(visitor, By.cssSelector("#messages li.message .text")),
                    "the visitor's page keeps every message, once, in order");
            visitor.driver().navigate().refresh();
            visitor.waiting().until(d -> d.findElements(By.cssSelector("#messages li.message[data-seq]")).size() == 4);
            assertEquals(List.of("Counsellor " + COUNSELLOR, "Supervisor " + SUPERVISOR),
                    texts(visitor, By.cssSelector("#messages li.message.from-counsellor .who")),
                    "read again after a reload, each message still names who wrote it");
            assertEquals(conversation, texts(ownConsole, inChat(chat, "li.message .text")),
                    "the supervisor's console has the chat, once, in order");

            ownConsole.click(inChat(chat, ".supervision-record summary"));
            By takeover = inChat(chat, ".supervision-log li.supervision-takeover");
            ownConsole.textAppears(takeover, "Supervisor " + SUPERVISOR + " took this chat over from Counsellor "
                    + COUNSELLOR + ", ");
            assertTrue(ownConsole.find(takeover).getText().matches(".*, \\d{2}:\\d{2}"),
                    "the entry says when: " + ownConsole.find(takeover).getText());
            inView(ownConsole, takeover, null, "the takeover in the case record of the console now holding the chat");
            AccessibilityIT.assertAccessible(ownConsole, "the supervisor's console holding a chat taken over");
            AccessibilityIT.assertAccessible(console, "the console after its chat was taken over");
        }
    }
}
