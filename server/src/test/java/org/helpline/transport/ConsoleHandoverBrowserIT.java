package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.store.CaseRecordStore;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console at 1280x800 in a real headless Chromium, asserting what is inside the viewport: a French visitor page
 * with the language left unspecified gets French canned replies (searched with {@code /}); an offer is accepted with
 * Alt+A; the chat is transferred through the picker, which shows free places and full or gone targets live before
 * anything is sent, and a colleague away with her console open after those available, marked away; the receiver's
 * console shows the risk level, the escalation, the location and the notes. Then the shortcuts between chats, the
 * wrap-up after a chat ends (with Ready now) and an away reason, which the supervisor page shows. The screenshots of
 * docs/web-client.md are taken here (in target/screenshots).
 */
class ConsoleHandoverBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        return ConfigBuilder.from(TestConfig.withCounsellors(
                TestConfig.counsellor("flow.sender", 2, TestConfig.OFFER),
                TestConfig.counsellor("flow.receiver", 2),
                TestConfig.counsellor("flow.full", 1),
                TestConfig.counsellor("flow.asked", 3),
                TestConfig.counsellor("flow.wrap", 3),
                TestConfig.supervisor("flow.boss"))).wrapUp(Duration.ofSeconds(20)).build();
    }

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    private static By inChat(String conversation, String css) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] " + css);
    }

    private static Browser console(String counsellorId) {
        Browser browser = Browser.open(1280, 1000);
        try {
            browser.viewport(1280, 800);
            browser.get(base() + "/console/");
            browser.logIn(counsellorId, TestConfig.PASSWORD);
            browser.visible(By.id("workspace"));
            browser.goAvailable();
            assertEquals(List.of(1280L, 800L), browser.script("return [innerWidth, innerHeight]"),
                    "a 1280x800 viewport");
            return browser;
        } catch (RuntimeException | AssertionError failure) {
            browser.close(); // not left running when the test fails before it holds the browser
            throw failure;
        }
    }

    /** The element is shown inside the viewport and is what is on top at its own place (not covered). */
    private static void inView(Browser browser, By locator, String what) {
        WebElement element = browser.visible(locator);
        assertEquals("in view", browser.script("const e = arguments[0]; const r = e.getBoundingClientRect();"
                + " const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 30),"
                + " r.top + Math.min(r.height / 2, 8));"
                + " return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight"
                + " && r.right <= innerWidth && top !== null && (e.contains(top) || top.contains(e)) ? 'in view'"
                + " : JSON.stringify({top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
                + " height: innerHeight, covered: top && top.outerHTML.slice(0, 120)});", element),
                what + " is inside the viewport");
    }

    private static void press(Browser browser, CharSequence key, boolean alt) {
        Actions keys = new Actions(browser.driver());
        (alt ? keys.keyDown(Keys.ALT).sendKeys(key).keyUp(Keys.ALT) : keys.sendKeys(key)).perform();
    }

    private static WebElement focused(Browser browser) {
        return browser.driver().switchTo().activeElement();
    }

    private static void screenshot(Browser browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name), png);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the screenshot " + name, e);
        }
    }

    @Test
    void aFrenchChatIsTransferredThroughThePickerWithEverythingTheCounsellorKnew() {
        TestSocket full = helpline.availableConsole(0, "flow.full", TestConfig.PASSWORD);
        Helpline.Visitor other = helpline.assignedVisitor(full, new JsonObject());
        TestSocket asked = helpline.console(0, "flow.asked", TestConfig.PASSWORD); // away, her console open
        try (Browser sender = console("flow.sender"); Browser visitor = Browser.open()) {
            visitor.get(base() + "/?lang=fr");
            visitor.choose(By.id("role"), "victim");
            visitor.startChatAndSay("Bonjour, il est rentré ce soir");

            // Alt+A accepts the offer; the reply box of the new chat has the focus, in view.
            sender.visible(By.cssSelector("#offers .offer"));
            String conversation = sender.find(By.cssSelector("#offers .offer")).getAttribute("data-conversation");
            press(sender, "a", true);
            sender.waiting().until(driver -> focused(sender).equals(driver.findElement(inChat(conversation,
                    "textarea.text"))));
            inView(sender, inChat(conversation, "textarea.text"), "the reply box");

            // The page was French and the language unspecified: French replies, searched with '/'.
            assertEquals("fr", new Select(sender.find(inChat(conversation, "select.canned-language")))
                    .getFirstSelectedOption().getAttribute("value"), "the page's language");
            press(sender, "/", false);
            assertEquals(sender.find(inChat(conversation, "input.canned-search")), focused(sender));
            assertEquals("", sender.find(inChat(conversation, "textarea.text")).getAttribute("value"));
            inView(sender, inChat(conversation, "input.canned-search"), "the canned reply search");
            focused(sender).sendKeys("danger");
            focused(sender).sendKeys(Keys.ENTER);
            WebElement reply = sender.find(inChat(conversation, "textarea.text"));
            assertTrue(reply.getAttribute("value").startsWith("Si vous êtes en danger maintenant, appelez le 17"),
                    reply.getAttribute("value"));
            assertEquals(reply, focused(sender), "back in the reply box to edit and send");
            sender.click(inChat(conversation, "button.send"));
            visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "appelez le 17");

            // What the counsellor learns: a location shared with consent, a high risk, a note, an escalation.
            sender.click(inChat(conversation, "button.request-location"));
            visitor.visible(By.id("location-text")).sendKeys("Gare Lille-Flandres, sortie 2");
            visitor.click(By.id("location-share"));
            sender.textAppears(inChat(conversation, ".location-text"), "Gare Lille-Flandres");
            sender.click(inChat(conversation, "details.risk summary"));
            sender.click(inChat(conversation, "details.risk input[value='strangulation']"));
            sender.click(inChat(conversation, "button.risk-save"));
            sender.textAppears(inChat(conversation, ".risk-badge"), "Risk: HIGH");
            sender.click(inChat(conversation, "details.private-notes summary"));
            sender.find(inChat(conversation, "textarea.note-text")).sendKeys("Sa sœur peut l'héberger demain");
            sender.click(inChat(conversation, "button.note-add"));
            sender.textAppears(inChat(conversation, ".note-list .note-text"), "Sa sœur peut l'héberger");
            // She gave no region: "the emergency services" has no country, so she picks the number in the directory.
            sender.click(inChat(conversation, "button.escalate-emergency"));
            sender.click(inChat(conversation, "button.escalate-send"));
            sender.textAppears(inChat(conversation, ".escalate-status"), "her country is not known");
            sender.click(inChat(conversation, ".directory-results li[data-hotline='fr-police-17'] button.escalate-to"));
            sender.click(inChat(conversation, "input.include-location"));
            sender.click(inChat(conversation, "button.escalate-send"));
            sender.visible(inChat(conversation, ".escalations .escalation"));

            try (Browser receiver = console("flow.receiver")) {
                // The picker: free places before anything is sent; a full counsellor is shown full; live.
                By receiverOption = inChat(conversation, "select.transfer-target "
                        + "option[value='counsellor:flow.receiver']");
                By fullOption = inChat(conversation, "select.transfer-target "
                        + "option[value='counsellor:flow.full']");
                By askedOption = inChat(conversation, "select.transfer-target "
                        + "option[value='counsellor:flow.asked']");
                sender.click(inChat(conversation, "select.transfer-target"));
                sender.textAppears(receiverOption, "2 free places");
                // The colleague away with her console open: listed, marked away, after those available.
                sender.textAppears(askedOption, "— away, 3 free places");
                assertTrue(sender.find(askedOption).isEnabled(), "she can be chosen: she may have been asked");
                List<?> order = (List<?>) sender.script("return [...arguments[0].options].map((o) => o.value);",
                        sender.find(inChat(conversation, "select.transfer-target")));
                assertTrue(order.indexOf("counsellor:flow.receiver") < order.indexOf("counsellor:flow.asked")
                        && order.indexOf("counsellor:flow.full") < order.indexOf("counsellor:flow.asked"),
                        "away after the available ones: " + order);
                new Select(sender.find(inChat(conversation, "select.transfer-target")))
                        .selectByValue("counsellor:flow.asked");
                sender.textAppears(inChat(conversation, ".transfer-choice"), "away, 3 free places.");
                assertTrue(sender.find(fullOption).getText().endsWith("— full"), sender.find(fullOption).getText());
                assertEquals("true", sender.find(fullOption).getAttribute("disabled"),
                        "a full target cannot be chosen");
                assertEquals("true", sender.find(inChat(conversation, "select.transfer-target "
                        + "option[value='association:" + TestConfig.OFFER + "']")).getAttribute("disabled"),
                        "the sender's own association has nobody else free");
                new Select(sender.find(inChat(conversation, "select.transfer-target")))
                        .selectByValue("counsellor:flow.receiver");
                sender.textAppears(inChat(conversation, ".transfer-choice"), "2 free places.");
                inView(sender, inChat(conversation, ".transfer-choice"), "what the chosen target can take");
                full.send(new JsonObject().put("type", "status").put("status", "away"));
                sender.waiting().until(driver -> driver.findElements(fullOption).isEmpty());
                screenshot(sender, "console-transfer-picker.png");

                sender.find(inChat(conversation, "textarea.transfer-note"))
                        .sendKeys("Escaladé au 17, elle attend à la gare");
                String hash = "hl:conv:{" + conversation + "}"; // (Keys here is Selenium's)
                helpline.inRedis(redis -> redis.hset(hash, "notesCount", String.valueOf(CaseRecordStore.MAX_NOTES)));
                sender.click(inChat(conversation, "button.transfer-send"));
                sender.textAppears(inChat(conversation, ".transfer-status"), "200 notes already");
                helpline.inRedis(redis -> redis.hset(hash, "notesCount", "1")); // room again: her note is still there
                sender.click(inChat(conversation, "button.transfer-send"));
                sender.waiting().until(driver -> driver.findElements(By.cssSelector("section.chat")).isEmpty());
                sender.textAppears(By.id("console-notice"), "Chat transferred.");

                // The receiver's console: everything the sender knew, in view.
                receiver.visible(By.cssSelector("section.chat[data-conversation='" + conversation + "']"));
                receiver.textAppears(inChat(conversation, ".risk-badge"), "Risk: HIGH");
                inView(receiver, inChat(conversation, ".risk-badge"), "the risk level");
                receiver.textAppears(inChat(conversation, ".location-text"), "Gare Lille-Flandres, sortie 2");
                inView(receiver, inChat(conversation, ".location-text"), "the shared location");
                receiver.textAppears(inChat(conversation, ".escalation.earlier h3"), "Emergency escalation");
                receiver.textAppears(inChat(conversation, ".escalation.earlier"), "By Counsellor flow.sender");
                receiver.textAppears(inChat(conversation, ".escalation.earlier"), "location the visitor shared was");
                inView(receiver, inChat(conversation, ".escalation.earlier h3"), "the escalation");
                receiver.textAppears(inChat(conversation, ".note-count"), "(2)");
                receiver.textAppears(inChat(conversation, ".note-list"), "Sa sœur peut l'héberger demain");
                receiver.textAppears(inChat(conversation, ".note-list"), "Escaladé au 17");
                inView(receiver, inChat(conversation, ".note-list li"), "the notes");
                assertEquals("true", receiver.find(inChat(conversation, "details.risk input[value='strangulation']"))
                        .getAttribute("checked"), "the risk answers too");
                assertEquals("fr", new Select(receiver.find(inChat(conversation, "select.canned-language")))
                        .getFirstSelectedOption().getAttribute("value"));
                screenshot(receiver, "console-transfer-received.png");

                receiver.click(inChat(conversation, "button.end"));
                receiver.click(inChat(conversation, "button.outcome-end-now"));
                receiver.textAppears(inChat(conversation, ".hint"), "Ended by you");
            }
        }
        full.send(new JsonObject().put("type", "status").put("status", "away"));
        asked.close();
        other.end();
    }

    /**
     * She is typing to one visitor when that chat is taken from under her (here a transfer from her other tab): the
     * focus goes to the list's heading, not into the other visitor's reply box (nor onto a button that a space would
     * press), where the rest of her words and an Enter would go to the wrong person.
     */
    @Test
    void aChatTakenAwayWhileSheTypesLeavesTheFocusOutOfTheOtherVisitorsReplyBox() {
        try (Browser counsellor = console("flow.receiver")) {
            Helpline.Visitor typedTo = helpline.visitor(0, new JsonObject().put("language", "en"));
            counsellor.visible(inChat(typedTo.conversation(), "textarea.text"));
            Helpline.Visitor other = helpline.visitor(0, new JsonObject().put("language", "en"));
            counsellor.visible(inChat(other.conversation(), "textarea.text"));
            counsellor.click(inChat(typedTo.conversation(), "textarea.text"));
            focused(counsellor).sendKeys("You can call the police on 17");

            TestSocket taker = helpline.availableConsole(0, "flow.full", TestConfig.PASSWORD);
            TestSocket otherTab = helpline.console(0, "flow.receiver", TestConfig.PASSWORD);
            otherTab.take(frame -> "assigned".equals(frame.getString("type"))
                    && typedTo.conversation().equals(frame.getString("conversation")), "the chat in the other tab");
            otherTab.send(new JsonObject().put("type", "transfer").put("conversation", typedTo.conversation())
                    .put("toCounsellor", "flow.full"));
            counsellor.waiting().until(driver -> driver.findElements(By.cssSelector("section.chat[data-conversation='"
                    + typedTo.conversation() + "']")).isEmpty());
            assertEquals(counsellor.find(By.id("conversations-title")), focused(counsellor), "the list's heading");
            new Actions(counsellor.driver()).sendKeys(" and 112" + Keys.ENTER).perform(); // she typed on
            assertEquals("", counsellor.find(inChat(other.conversation(), "textarea.text")).getAttribute("value"),
                    "nothing typed for one visitor lands in another's reply box");
            taker.send(new JsonObject().put("type", "status").put("status", "away"));
            typedTo.end();
            other.end();
        }
    }

    @Test
    void shortcutsMoveBetweenChatsAWrapUpFollowsAnEndAndAwayHasAReason() {
        try (Browser counsellor = console("flow.wrap")) {
            Helpline.Visitor first = helpline.visitor(0, new JsonObject().put("language", "en"));
            counsellor.visible(inChat(first.conversation(), "textarea.text"));
            Helpline.Visitor second = helpline.visitor(0, new JsonObject().put("language", "fr"));
            counsellor.visible(inChat(second.conversation(), "textarea.text"));

            counsellor.find(By.id("conversations-title")).click();
            press(counsellor, "n", true);
            assertEquals(counsellor.find(inChat(first.conversation(), "textarea.text")), focused(counsellor));
            press(counsellor, "n", true);
            assertEquals(counsellor.find(inChat(second.conversation(), "textarea.text")), focused(counsellor));
            inView(counsellor, inChat(second.conversation(), "textarea.text"), "the next chat's reply box");
            counsellor.find(By.id("conversations-title")).click();
            press(counsellor, "r", true);
            assertEquals(counsellor.find(inChat(first.conversation(), "textarea.text")), focused(counsellor));
            counsellor.click(By.cssSelector("#shortcuts summary"));
            inView(counsellor, By.cssSelector("#shortcuts dl"), "the list of shortcuts");
            counsellor.click(By.cssSelector("#shortcuts summary"));

            // The visitor ends: a wrap-up, counted down in view, holds the next chat until "Ready now".
            first.end();
            counsellor.textAppears(inChat(first.conversation(), ".hint"), "Ended by the visitor");
            counsellor.textAppears(By.id("wrap-up-text"), "Wrap-up: no new chat for");
            inView(counsellor, By.id("wrap-up-text"), "the wrap-up");
            inView(counsellor, By.id("wrap-up-ready"), "Ready now");
            Helpline.Visitor third = helpline.visitor(0, new JsonObject());
            screenshot(counsellor, "console-wrap-up.png");
            // a 1 s window: the waiting chat is not given during the wrap-up
            TestSocket.sleep(Duration.ofSeconds(1));
            assertTrue(counsellor.driver().findElements(By.cssSelector("section.chat[data-conversation='"
                    + third.conversation() + "']")).isEmpty(), "no new chat during the wrap-up");
            counsellor.click(By.id("wrap-up-ready"));
            counsellor.visible(inChat(third.conversation(), "textarea.text"));
            assertTrue(!counsellor.find(By.id("wrap-up")).isDisplayed(), "the wrap-up is over");

            // She had said where she was before she left: her counsellor still escalates the ended chat, through the
            // directory (no region given); there is nobody left to ask where she is.
            String ended = first.conversation();
            assertFalse(counsellor.find(inChat(ended, "button.request-location")).isDisplayed());
            counsellor.click(inChat(ended, "button.escalate-emergency"));
            counsellor.click(inChat(ended, "button.escalate-send"));
            counsellor.textAppears(inChat(ended, ".escalate-status"), "her country is not known");
            counsellor.click(inChat(ended, ".directory-results li[data-hotline='fr-police-17'] button.escalate-to"));
            counsellor.click(inChat(ended, "button.escalate-send"));
            counsellor.visible(inChat(ended, ".escalations .escalation"));

            // Away with a reason.
            new Select(counsellor.find(By.id("away-reason"))).selectByValue("training");
            counsellor.textAppears(By.id("current-status"), "away");
            inView(counsellor, By.id("away-reason"), "the away reason");
            assertEquals("training", helpline.inRedis(redis -> redis.hget("hl:counsellor:{flow.wrap}",
                    "awayReason")));
            try (Browser supervisor = Browser.open(1280, 1000)) {
                supervisor.viewport(1280, 800);
                supervisor.get(base() + "/supervisor/");
                supervisor.logIn("flow.boss", TestConfig.PASSWORD);
                supervisor.textAppears(By.id("away-now"), "Away now: Counsellor flow.wrap (Training)");
                inView(supervisor, By.id("away-now"), "who is away and why, on the supervisor page");
            }
            second.end();
            third.end();
        }
    }
}
