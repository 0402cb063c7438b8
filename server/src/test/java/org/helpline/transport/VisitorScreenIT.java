package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.Screen;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The visitor page as it shows on a 360 x 740 phone (and a 1280 x 800 laptop) in real headless Chromium, in English
 * and in French: what is inside the window, not only in the page. After each change of state (waiting while nobody is
 * online, a counsellor with her, continued in another browser, ended by the counsellor) its words are where she is
 * looking; the resume code is in view below the small header right after the start; a skip link reaches the form in a
 * few Tabs and the delete dialog keeps the focus until Escape gives it back. Run with
 * {@code -Dhelpline.screenshots=<directory>}, the English run saves the pictures of docs/web-client.md there.
 */
class VisitorScreenIT {
    private static final By HEADER = By.cssSelector("header.topbar");
    private static final By LINE = By.id("chat-line");
    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("nobody", "Nobody is online now.", "queue", "Nobody is online right now",
                    "with", "Counsellor screen.en is with you.", "replaced", "continues in another window or browser",
                    "ended", "The counsellor ended the conversation.", "endedByYou", "You ended the conversation."),
            "fr", Map.of("nobody", "Personne n’est en ligne maintenant.", "queue", "Personne n’est en ligne",
                    "with", "Counsellor screen.fr est avec vous.", "replaced", "continue dans une autre fenêtre",
                    "ended", "L’écoutant·e a terminé la conversation.",
                    "endedByYou", "Vous avez terminé la conversation."));

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("screen.en", 2), TestConfig.counsellor("screen.fr", 2)));

    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
    }

    private Browser browser() {
        Browser browser = Browser.open();
        browsers.add(browser);
        return browser;
    }

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    private static void load(Browser browser, String language) {
        browser.get(base() + "/?lang=" + language);
        browser.waiting().until(driver -> language.equals(browser.script("return document.documentElement.lang")));
        browser.visible(By.id("start"));
    }

    /** With -Dhelpline.screenshots=DIR, the English run saves the screen as DIR/visitor-NAME.png. */
    private static void picture(Screen screen, String language, String name) {
        String directory = System.getProperty("helpline.screenshots");
        if (directory != null && "en".equals(language)) {
            screen.save(Path.of(directory, "visitor-" + name + ".png"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void everyChangeOfStateIsInViewOnAPhoneAndTheCodeRightAfterTheStart(String language) {
        Map<String, String> words = WORDS.get(language);
        Browser phone = browser();
        phone.emulateTouchScreen();
        Screen screen = Screen.sized(phone, 360, 740, true);
        load(phone, language);
        picture(screen, language, "welcome");

        phone.click(By.id("start"));
        phone.visible(By.id("chat"));
        String code = phone.visible(By.id("code")).getText();
        screen.assertInView(By.id("code"), "right after the start");
        screen.assertInView(By.id("copy-code"), "right after the start");
        phone.click(By.id("copy-code"));
        phone.waiting().until(driver -> !driver.findElement(By.id("code-copied")).getText().isEmpty());
        screen.assertInView(By.id("code-copied"), "after Copy the code");
        assertTrue(phone.find(By.id("in-danger-now")).isDisplayed(), "the danger button is in the header");
        double header = screen.height(HEADER);
        assertTrue(header <= 64, "the header is " + header + " px high with the danger button");

        phone.textAppears(LINE, words.get("nobody"));
        screen.assertInView(LINE, "nobody online");
        screen.assertInView(By.cssSelector("#chat-line a[href^='tel:']"), "nobody online: a line open now");
        screen.assertInView(By.id("code"), "nobody online");
        phone.textAppears(By.id("queue-position"), words.get("queue"));
        assertFalse(phone.find(By.id("queue-position")).getText().matches(".*\\d+ min.*"), "no wait time is given");
        picture(screen, language, "waiting-nobody-online");

        TestSocket console = helpline.availableConsole(0, "screen." + language, TestConfig.PASSWORD);
        String conversation = console.next("assigned").getString("conversation");
        phone.textAppears(LINE, words.get("with"));
        screen.assertInView(LINE, "a counsellor is with her");
        console.send(new JsonObject().put("type", "send").put("conversation", conversation).put("clientId", "c-1")
                .put("text", "fr".equals(language) ? "Bonjour, je suis là. Vous êtes en sécurité ?"
                        : "Hello, I am here. Are you safe where you are?"));
        phone.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "?");
        screen.assertInView(LINE, "a counsellor wrote");
        picture(screen, language, "with-counsellor");

        Browser other = browser();
        Screen otherScreen = Screen.sized(other, 360, 740, true);
        load(other, language);
        other.click(By.cssSelector("#continue summary"));
        other.visible(By.id("resume-code")).sendKeys(code);
        other.click(By.id("resume"));
        phone.textAppears(By.id("status"), words.get("replaced"));
        screen.assertInView(By.id("status"), "continued in another browser");
        picture(screen, language, "continues-elsewhere");

        other.textAppears(LINE, words.get("with"));
        otherScreen.assertInView(LINE, "continued here, a counsellor is with her");
        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        other.textAppears(LINE, words.get("ended"));
        otherScreen.assertInView(LINE, "ended by the counsellor");
        otherScreen.assertInView(By.id("new-chat"), "ended by the counsellor");
        picture(otherScreen, language, "ended-by-counsellor");

        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void onALaptopTheCodeAndTheLineAreInViewToo(String language) {
        Map<String, String> words = WORDS.get(language);
        Browser laptop = browser();
        Screen screen = Screen.sized(laptop, 1280, 800, false);
        load(laptop, language);
        laptop.click(By.id("start"));
        laptop.visible(By.id("chat"));
        screen.assertInView(By.id("code"), "right after the start");
        laptop.textAppears(LINE, words.get("nobody"));
        screen.assertInView(LINE, "nobody online");
        laptop.endChat();
        laptop.textAppears(LINE, words.get("endedByYou"));
        screen.assertInView(LINE, "ended");
        screen.assertInView(By.id("new-chat"), "ended");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void aSkipLinkLeadsToTheFormAndTheDeleteDialogKeepsTheFocusUntilEscape(String language) {
        Browser phone = browser();
        Screen screen = Screen.sized(phone, 360, 740, true);
        load(phone, language);

        tab(phone);
        assertEquals("quick-exit", focused(phone), "Quick exit comes first");
        tab(phone);
        assertEquals("skip", focused(phone), "then the skip link");
        screen.assertInView(By.id("skip"), "the skip link has the focus");
        keys(phone, Keys.ENTER);
        assertEquals("role", focused(phone), "the skip link leads to the form's first question");
        screen.assertInView(By.id("role"), "after the skip link");
        int tabs = 2;
        while (!"start".equals(focused(phone)) && tabs < 20) {
            tab(phone);
            tabs++;
        }
        assertTrue(tabs <= 8, tabs + " Tabs to reach Start");
        keys(phone, Keys.ENTER);
        phone.visible(By.id("chat"));
        assertTrue(screen.height(HEADER) <= 64, "the header with the danger button, no touch screen");

        phone.script("document.getElementById('quick-exit').focus()");
        tab(phone);
        assertEquals("skip", focused(phone));
        keys(phone, Keys.ENTER);
        assertEquals("text", focused(phone), "in a chat the skip link leads to the reply box");

        phone.script("document.getElementById('forget').focus()");
        keys(phone, Keys.ENTER);
        phone.visible(By.id("forget-dialog"));
        assertEquals("forget-no", focused(phone), "the dialog opens on 'Keep it'");
        Set<String> inside = Set.of("forget-yes", "forget-no", "quick-exit");
        for (int i = 0; i < 4; i++) {
            tab(phone);
            assertTrue(inside.contains(focused(phone)), "Tab stays in the dialog (or Quick exit): " + focused(phone));
        }
        for (int i = 0; i < 4; i++) {
            new Actions(phone.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            assertTrue(inside.contains(focused(phone)), "Shift+Tab stays in the dialog: " + focused(phone));
        }
        assertEquals("", screen.hidden(By.id("quick-exit")), "Quick exit stays in view over the dialog");
        keys(phone, Keys.ESCAPE);
        phone.waiting().until(driver -> !(Boolean) phone.script("return document.getElementById('forget-dialog')"
                + ".open"));
        assertEquals("forget", focused(phone), "Escape gives the focus back to the button that opened it");
        assertTrue(phone.find(By.id("end")).isDisplayed(), "Escape keeps the conversation");
        phone.endChat();
        phone.textAppears(LINE, WORDS.get(language).get("endedByYou"));
    }

    /** The numbers the chat line offers when nobody is online are tap targets of 44 px at least, as every other. */
    @Test
    void theNumbersInTheChatLineAreTapTargetsOf44PixelsAtLeast() {
        Browser phone = browser();
        phone.emulateTouchScreen();
        Screen.sized(phone, 360, 640, true);
        load(phone, "en");
        phone.click(By.id("start"));
        phone.textAppears(LINE, WORDS.get("en").get("nobody"));
        phone.visible(By.cssSelector("#chat-line a[href^='tel:']"));
        List<WebElement> links = phone.driver().findElements(By.cssSelector("#chat-line a"));
        for (WebElement link : links) {
            double height = ((Number) phone.script("return arguments[0].getBoundingClientRect().height", link))
                    .doubleValue();
            assertTrue(height >= 44, "'" + link.getText() + "' in the chat line is " + height + " px high");
        }
        phone.endChat();
    }

    /**
     * She is typing when her counsellor asks where she is: the request opens above the reply box without taking the
     * focus (no key lost, the phone's keyboard stays), the reply box stays in view, and the line just above it says
     * that the counsellor asks. Asked again when she is not typing, the request takes the focus.
     */
    @Test
    void aLocationRequestWhileSheTypesLeavesHerKeysHerFocusAndHerReplyBoxWhereTheyAre() {
        Browser phone = browser();
        phone.emulateTouchScreen();
        Screen screen = Screen.sized(phone, 360, 640, true);
        load(phone, "en");
        TestSocket console = helpline.availableConsole(0, "screen.en", TestConfig.PASSWORD);
        phone.click(By.id("start"));
        String conversation = console.next("assigned").getString("conversation");
        phone.textAppears(LINE, WORDS.get("en").get("with"));
        WebElement text = phone.find(By.id("text"));
        text.sendKeys("He is in the kitch");
        JsonObject askWhere = new JsonObject().put("type", "request_location").put("conversation", conversation);
        console.send(askWhere);
        phone.visible(By.id("location-consent"));
        new Actions(phone.driver()).sendKeys("en now").perform(); // to what has the focus, as a keyboard types
        assertEquals("He is in the kitchen now", text.getAttribute("value"), "every key went into the reply box");
        assertEquals("text", focused(phone), "the reply box keeps the focus");
        screen.assertInView(By.id("text"), "asked where she is while she types");
        phone.textAppears(By.id("location-status"), "Your counsellor asks where you are");
        screen.assertInView(By.id("location-status"), "asked where she is while she types");

        phone.click(By.id("location-decline"));
        phone.script("const box = document.getElementById('text'); box.value = ''; box.focus();");
        console.send(askWhere);
        phone.waiting().withMessage("the request takes the focus when she is not typing")
                .until(driver -> "loc-title".equals(focused(phone)));
        screen.assertInView(By.id("loc-title"), "asked where she is, not typing");

        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        phone.textAppears(LINE, WORDS.get("en").get("ended"));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }

    private static void tab(Browser browser) {
        keys(browser, Keys.TAB);
    }

    private static void keys(Browser browser, Keys key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    private static String focused(Browser browser) {
        return (String) browser.script("return document.activeElement && document.activeElement.id");
    }
}
