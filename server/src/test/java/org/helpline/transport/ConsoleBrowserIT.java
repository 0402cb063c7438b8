package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.UnansweredSends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The counsellor console in a real headless Chromium, a visitor in another browser: the console receives an offer
 * and accepts it, inserts and edits a canned reply, saves a risk checklist and sees its level, adds a private note the
 * visitor never sees, counts an unread message in a chat it is not looking at (badge and title), and ends chats with
 * outcome tags, also after the visitor ended. Replies sent in quick succession go one at a time, each once the one
 * before is answered, so that they are stored in the order typed; one too large for a frame is refused on the page.
 */
class ConsoleBrowserIT {
    private static final int REPLIES = 6;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("console.louise", 3, TestConfig.OFFER),
            TestConfig.counsellor("console.nora", 3, TestConfig.OFFER)));

    private static By inChat(String conversation, String css) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] " + css);
    }

    private static Map<String, String> hash(String key) {
        RedisClient client = RedisClient.create(helpline.redis().url());
        try (var connection = client.connect()) {
            return connection.sync().hgetall(key);
        } finally {
            client.shutdown();
        }
    }

    /** Waits for an offer card, checks the title calls for attention, accepts it; returns the conversation. */
    private static String acceptOffer(Browser counsellor) {
        WebElement offer = counsellor.visible(By.cssSelector("#offers .offer[data-conversation]"));
        String conversation = offer.getAttribute("data-conversation");
        counsellor.waiting().until(driver -> driver.getTitle().startsWith("(!) New chat offer"));
        offer.findElement(By.cssSelector("button.accept")).click();
        counsellor.visible(inChat(conversation, "textarea.text"));
        counsellor.waiting().until(driver -> driver.findElements(By.cssSelector("#offers .offer")).isEmpty());
        return conversation;
    }

    @Test
    void aCounsellorAcceptsAnOfferUsesTheToolsOfTheConsoleAndEndsWithOutcomeTags() {
        try (Browser visitor = Browser.open(); Browser counsellor = Browser.open(1280, 900)) {
            chatAndEnd(visitor, counsellor, "http://localhost:" + helpline.port(0));
        }
    }

    @Test
    void repliesGoOneAtATimeInTheOrderTypedAndOneTooLargeForAFrameIsRefusedOnThePage() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("language", "en"));
        try (Browser counsellor = Browser.openRecordingNetwork(1280, 900)) {
            counsellor.get("http://localhost:" + helpline.port(0) + "/console/");
            counsellor.logIn("console.nora", TestConfig.PASSWORD);
            counsellor.goAvailable();
            String conversation = acceptOffer(counsellor);
            assertEquals(visitor.conversation(), conversation);
            counsellor.networkLog(); // only what follows counts

            counsellor.script("const card = document.querySelector(\"section.chat[data-conversation='\" + arguments[0]"
                    + " + \"']\");"
                    + "for (let n = 1; n <= arguments[1]; n++) {"
                    + "  card.querySelector('textarea.text').value = 'reply ' + n;"
                    + "  card.querySelector('button.send').click(); }", conversation, REPLIES);
            List<String> received = visitor.socket().exactly("message", REPLIES).stream()
                    .map(message -> message.getString("text")).toList();
            assertEquals(IntStream.rangeClosed(1, REPLIES).mapToObj(n -> "reply " + n).toList(), received,
                    "stored once each, in the order typed");
            counsellor.waiting().until(driver -> driver.findElements(
                    inChat(conversation, "li.message.from-counsellor.pending")).isEmpty());
            assertEquals(1, UnansweredSends.most(counsellor.networkLog()),
                    "one reply at a time waits for its answer");

            // 3,000 control characters, six bytes each in JSON: over maxFrameBytes, never sent
            counsellor.script("const card = document.querySelector(\"section.chat[data-conversation='\" + arguments[0]"
                    + " + \"']\"); card.querySelector('textarea.text').value = '\\u0001'.repeat(3000);"
                    + " card.querySelector('button.send').click();", conversation);
            counsellor.textAppears(By.id("console-notice"), "too long");
            assertEquals(3000L, counsellor.script("return document.querySelector(\"section.chat[data-conversation='\""
                    + " + arguments[0] + \"'] textarea.text\").value.length", conversation), "it stays in her box");
            assertEquals(List.of(), visitor.socket().all("message", TestSocket.QUIET), "nothing sent");
            visitor.socket().send(new JsonObject().put("type", "end")).next("ended"); // nothing left for the other test
        }
    }

    private static void chatAndEnd(Browser visitor, Browser counsellor, String base) {
        visitor.get(base + "/");
        visitor.choose(By.id("role"), "victim");
        new Select(visitor.find(By.id("language"))).selectByValue("fr");
        visitor.startChatAndSay("Bonjour, j'ai peur ce soir");

        counsellor.keepWebSockets();
        counsellor.get(base + "/console/");
        counsellor.logIn("console.louise", TestConfig.PASSWORD);
        counsellor.visible(By.id("workspace"));
        counsellor.goAvailable();
        // the service's short problem answers her accept: nothing retries it, so the page says to press again
        WebElement offer = counsellor.visible(By.cssSelector("#offers .offer[data-conversation]"));
        counsellor.script("const s = window.testSockets.at(-1); const send = s.send.bind(s);"
                + " s.send = (data) => { const f = JSON.parse(data); if (f.type !== 'accept') return send(data);"
                + " s.send = send; setTimeout(() => s.onmessage({ data: JSON.stringify({ type: 'error',"
                + " code: 'unavailable', ref: 'accept', conversation: f.conversation }) }), 0); };");
        offer.findElement(By.cssSelector("button.accept")).click();
        counsellor.textAppears(By.id("console-notice"), "may not have been done. Please press again if it was not.");
        counsellor.waiting().until(driver -> offer.findElement(By.cssSelector("button.accept")).isEnabled());
        String first = acceptOffer(counsellor);
        counsellor.textAppears(inChat(first, "li.message.from-visitor .text"), "j'ai peur ce soir");

        // A canned reply in the conversation's language, inserted then edited before sending.
        assertEquals("fr", new Select(counsellor.find(inChat(first, "select.canned-language")))
                .getFirstSelectedOption().getAttribute("value"), "the conversation's language is chosen");
        new Select(counsellor.find(inChat(first, "select.canned-reply"))).selectByValue("safe-now");
        counsellor.click(inChat(first, "button.canned-insert"));
        WebElement reply = counsellor.find(inChat(first, "textarea.text"));
        assertTrue(reply.getAttribute("value").startsWith("Avant tout : êtes-vous en sécurité"),
                reply.getAttribute("value"));
        assertEquals(reply, counsellor.driver().switchTo().activeElement(), "the reply box has the focus");
        reply.sendKeys(" Je m'appelle Louise.");
        counsellor.click(inChat(first, "button.send"));
        visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"),
                "êtes-vous en sécurité en ce moment ? La personne");
        visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "Je m'appelle Louise.");
        // her own message marked sent on her console, not left pending
        counsellor.visible(inChat(first, "li.message.from-counsellor.delivered[data-seq]"));

        // The visitor presses "I'm in danger now" during the chat: her counsellor's card says so at once.
        assertFalse(counsellor.find(inChat(first, "h2")).getText().contains("IN DANGER"));
        visitor.click(By.id("in-danger-now"));
        counsellor.textAppears(inChat(first, "h2"), "IN DANGER");
        counsellor.textAppears(inChat(first, "li.presence.danger"), "pressed \"I'm in danger now\"");
        counsellor.textAppears(By.id("console-notice"), "pressed \"I'm in danger now\"");

        // The risk checklist: a medium score, then a critical yes.
        counsellor.click(inChat(first, "details.risk summary"));
        for (String question : new String[]{"injured", "separation", "getting-worse"}) {
            counsellor.click(inChat(first, "details.risk input[value='" + question + "']"));
        }
        counsellor.click(inChat(first, "button.risk-save"));
        counsellor.textAppears(inChat(first, ".risk-badge"), "Risk: Medium");
        counsellor.textAppears(inChat(first, ".risk-status"), "Risk level: Medium");
        counsellor.click(inChat(first, "details.risk input[value='strangulation']"));
        counsellor.click(inChat(first, "button.risk-save"));
        counsellor.textAppears(inChat(first, ".risk-badge"), "Risk: HIGH");
        assertEquals("high", hash("hl:conv:{" + first + "}").get("risk"), "saved with the conversation");
        // a tick not saved yet stays when the console connects again (its assigned frame redraws the checklist)
        By notSaved = inChat(first, "details.risk input[value='weapon']");
        counsellor.click(notSaved);
        counsellor.dropLastWebSocketAndReconnect();
        counsellor.visible(inChat(first, "textarea.text"));
        TestSocket.sleep(Duration.ofSeconds(1)); // the assigned frame of the new socket redraws the card
        assertTrue(counsellor.find(notSaved).isSelected(), "the unsaved tick is kept");
        assertTrue(counsellor.find(inChat(first, "details.risk input[value='strangulation']")).isSelected(),
                "the saved answers are shown");

        // The directory: the lines open now for this visitor, answered in this chat's card (matched by its search id).
        counsellor.click(inChat(first, "details.directory summary"));
        counsellor.click(inChat(first, "button.directory-need"));
        counsellor.visible(inChat(first, ".directory-results li"));

        // A private note.
        counsellor.click(inChat(first, "details.private-notes summary"));
        assertTrue(counsellor.find(inChat(first, "details.private-notes")).getText()
                .contains("the visitor never sees"));
        counsellor.find(inChat(first, "textarea.note-text")).sendKeys("Une voisine peut garder les enfants");
        counsellor.click(inChat(first, "button.note-add"));
        counsellor.textAppears(inChat(first, ".note-list .note-text"), "Une voisine peut garder les enfants");
        counsellor.textAppears(inChat(first, ".note-count"), "(1)");
        assertFalse(visitor.driver().getPageSource().contains("voisine"), "the visitor never sees the note");

        // A second chat: a message arriving there while the counsellor types in the first is counted.
        Helpline.Visitor second = helpline.visitor(0, new JsonObject().put("language", "en"));
        String secondId = acceptOffer(counsellor);
        assertEquals(second.conversation(), secondId);
        counsellor.click(inChat(first, "textarea.text"));
        counsellor.waiting().until(driver -> "Helpline console".equals(driver.getTitle()));
        second.socket().send(new JsonObject().put("type", "send").put("clientId", "v-1")
                .put("text", "Hello, is anyone there?"));
        counsellor.textAppears(By.cssSelector("#conversations li[data-conversation='" + secondId + "'] .unread"),
                "1");
        counsellor.waiting().until(driver -> "(1) Helpline console".equals(driver.getTitle()));
        assertTrue(((Number) counsellor.script("return window.Chime.played()")).intValue() > 0,
                "offers and unseen messages chime");
        assertFalse(counsellor.find(By.cssSelector("#conversations li[data-conversation='" + first + "'] .unread"))
                .isDisplayed(), "the chat being answered has nothing unread");
        counsellor.click(inChat(secondId, "textarea.text"));
        counsellor.waiting().until(driver -> "Helpline console".equals(driver.getTitle()));
        counsellor.click(By.id("mute"));
        assertEquals("true", counsellor.find(By.id("mute")).getAttribute("aria-pressed"));

        // Ending the first chat asks for its outcome tags, then closes its card.
        counsellor.click(inChat(first, "button.end"));
        counsellor.visible(inChat(first, "form.outcome"));
        assertTrue(counsellor.find(inChat(first, "form.outcome h3")).equals(counsellor.driver().switchTo()
                .activeElement()), "the focus moves to the outcome form");
        counsellor.click(inChat(first, "form.outcome input[value='woman']"));
        counsellor.click(inChat(first, "form.outcome input[value='referral-police']"));
        counsellor.click(inChat(first, "button.outcome-save"));
        counsellor.waiting().until(driver -> driver.findElements(By.cssSelector(
                "section.chat[data-conversation='" + first + "']")).isEmpty());
        visitor.visible(By.id("new-chat"));
        assertEquals("woman,referral-police", hash("hl:conv:{" + first + "}").get("outcomeTags"));

        // The second visitor leaves with quick exit: told once, also after the console connects again.
        second.socket().send(new JsonObject().put("type", "away").put("reason", "quick_exit"));
        By away = inChat(secondId, "li.presence.away");
        counsellor.textAppears(away, "quick exit");
        counsellor.dropLastWebSocketAndReconnect();
        TestSocket.sleep(Duration.ofSeconds(1)); // the assigned and visitor_presence frames of the new socket
        assertEquals(1, counsellor.driver().findElements(away).size(), "the visitor's leaving shown once");
        TestSocket back = helpline.resumedByCode(0, second); // a quick exit retired the secret

        // The visitor of the second chat ends it: the console asks for the outcome on its own.
        back.send(new JsonObject().put("type", "end"));
        back.next("ended");
        counsellor.textAppears(inChat(secondId, "form.outcome h3"), "The chat has ended: record its outcome");
        counsellor.click(inChat(secondId, "form.outcome input[value='information-only']"));
        counsellor.click(inChat(secondId, "button.outcome-save"));
        counsellor.waiting().until(driver -> driver.findElements(By.cssSelector("section.chat")).isEmpty());
        Map<String, String> today = hash("hl:stats:outcomes:" + LocalDate.now(ZoneOffset.UTC));
        assertEquals("1", today.get("woman"));
        assertEquals("1", today.get("referral-police"));
        assertEquals("1", today.get("information-only"));
    }
}
