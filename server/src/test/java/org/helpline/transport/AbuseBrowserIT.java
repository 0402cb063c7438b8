package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * End and block in three real headless Chromiums: a counsellor ends a visitor's chat as abusive from the console, a
 * supervisor's page lists the block, the same visitor (the same connection) starting again sees the lines open now and
 * an honest message in view, never that they were detected, and the supervisor lifts the block; then the visitor
 * leaves a chat first and the counsellor blocks the connection after the end.
 */
class AbuseBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.supervisor("block.sam"), TestConfig.counsellor("block.amina", 2)));

    private static By inChat(String conversation, String css) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] " + css);
    }

    /** Whether the element shows inside the window, not only in the page (no scrolling needed to read it). */
    private static boolean inView(Browser browser, By locator) {
        return Boolean.TRUE.equals(browser.script("const box = arguments[0].getBoundingClientRect();"
                + " return box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;",
                browser.find(locator)));
    }

    @Test
    void aChatEndedAsAbusiveIsListedForSupervisorsRefusedHonestlyToTheVisitorAndLifted() {
        // the browsers connect from 127.0.0.1 without a forwarded address: the visitor's client key is that address's
        String base = "http://127.0.0.1:" + helpline.port(0);
        try (Browser visitor = Browser.open(); Browser counsellor = Browser.open(1280, 900);
                Browser supervisor = Browser.open(1280, 900)) {
            supervisor.get(base + "/supervisor/");
            supervisor.logIn("block.sam", TestConfig.PASSWORD);
            supervisor.visible(By.id("totals"));
            supervisor.visible(By.id("no-blocks"));

            counsellor.get(base + "/console/");
            counsellor.logIn("block.amina", TestConfig.PASSWORD);
            counsellor.visible(By.id("workspace"));
            counsellor.goAvailable();

            visitor.get(base + "/?lang=en");
            visitor.click(By.id("start"));
            visitor.visible(By.id("chat"));
            String conversation = counsellor.visible(By.cssSelector("section.chat[data-conversation]"))
                    .getAttribute("data-conversation");

            counsellor.click(inChat(conversation, "button.end"));
            counsellor.visible(inChat(conversation, "form.outcome"));
            counsellor.click(inChat(conversation, "button.outcome-end-abusive"));
            counsellor.textAppears(inChat(conversation, "form.outcome h3"), "The chat has ended: record its outcome");
            counsellor.textAppears(inChat(conversation, "p.outcome-status"), "Connection blocked: no new chat from it");
            assertFalse(counsellor.find(inChat(conversation, "button.outcome-block")).isDisplayed(), "blocked already");
            visitor.visible(By.id("new-chat"));

            By block = By.cssSelector("#blocks li.block");
            supervisor.textAppears(block, "Counsellor block.amina");
            supervisor.textAppears(block, "(conversation " + conversation.substring(0, 8));
            assertFalse(supervisor.find(By.id("no-blocks")).isDisplayed(), "the list is not said to be empty");
            assertFalse(supervisor.find(By.id("blocks")).getText().contains("127.0.0.1"), "no address shown");
            supervisor.textAppears(By.cssSelector("#alerts li.alert .alert-title"), "Connection blocked for abuse");

            visitor.click(By.id("new-chat"));
            visitor.click(By.id("start"));
            visitor.textAppears(By.id("alt-reason"), "A chat cannot start from here right now");
            visitor.textAppears(By.id("notice"), "Please call one of the lines below, or try again later.");
            assertTrue(inView(visitor, By.id("notice")), "the message is in view");
            assertTrue(inView(visitor, By.id("alt-reason")), "the lines' heading is in view");
            By firstLine = By.cssSelector("#alt-lines li");
            assertFalse(visitor.find(firstLine).getText().isBlank(), "a line with its number");
            assertTrue(inView(visitor, firstLine), "the first line open now is in view");
            String page = visitor.find(By.tagName("body")).getText().toLowerCase(Locale.ROOT);
            // (the lines' names may say "Domestic Abuse": what the page says of this visitor is checked)
            for (String told : List.of("block", "abusive", "limit", "too many", "detected", "refused", "error")) {
                assertFalse(page.contains(told), "the page does not say '" + told + "'");
            }
            assertTrue(visitor.find(By.id("start-form")).isDisplayed(), "the form stays, to try again later");

            supervisor.click(By.cssSelector("#blocks li.block button"));
            supervisor.waiting().until(driver -> driver.findElements(block).isEmpty());
            supervisor.visible(By.id("no-blocks"));
            supervisor.textAppears(By.id("blocks-status"), "Block lifted.");

            visitor.click(By.id("start"));
            visitor.visible(By.id("chat"));
            String again = counsellor.waiting().until(driver -> driver.findElements(
                    By.cssSelector("section.chat[data-conversation]")).stream()
                    .map(card -> card.getAttribute("data-conversation"))
                    .filter(id -> !conversation.equals(id)).findFirst().orElse(null));
            assertEquals(0, supervisor.driver().findElements(block).size(), "lifted for good");

            // the abuser leaves first: the counsellor who held the chat blocks the connection after the end
            visitor.endChat();
            counsellor.textAppears(inChat(again, "form.outcome h3"), "The chat has ended: record its outcome");
            counsellor.click(inChat(again, "button.outcome-block"));
            counsellor.textAppears(inChat(again, "p.outcome-status"), "Connection blocked: no new chat from it");
            supervisor.textAppears(block, "(conversation " + again.substring(0, 8));
            visitor.click(By.id("new-chat"));
            visitor.click(By.id("start"));
            visitor.textAppears(By.id("alt-reason"), "A chat cannot start from here right now");
        }
    }
}
