package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.Screen;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What screen readers are told on the visitor page, in real headless Chromium against the real server: a script run
 * before the page's own records every text added or changed inside a live region ({@code aria-live}, {@code
 * role=status}, {@code role=alert}) that a screen reader would read out (not inside {@code aria-hidden}, nor in a
 * region that is {@code aria-busy} or {@code aria-live="off"} at the time). Each message she sends is read once; a
 * reload shows the conversation again without reading it aloud; the same place in the queue again reads nothing; a
 * refused start is read once; every live region is rendered before its first words. And on a 360 x 640 phone, the
 * counsellor's messages keep the reply box and the newest message in view.
 */
class VisitorAnnouncementsIT {
    private static final By HEADER = By.cssSelector("header.topbar");
    private static final By STORED_OWN = By.cssSelector("#messages li.message.from-visitor[data-seq]");
    private static final String RECORDER = "window.heard = [];"
            + " const LIVE = '[aria-live],[role=status],[role=alert],[role=log]';"
            + " const quiet = (node) => !!node.closest('[aria-hidden=true],[aria-busy=true],[aria-live=off]');"
            + " const words = (n) => n.nodeType === 3 ? n.data : n.nodeType !== 1"
            + "   || n.getAttribute('aria-hidden') === 'true' ? '' : [...n.childNodes].map(words).join('');"
            + " const note = (node, text) => {"
            + "   const at = node.nodeType === 1 ? node : node.parentElement;"
            + "   const region = at && at.closest(LIVE);"
            + "   if (!region || !text.trim() || quiet(at)) return;"
            + "   window.heard.push({ region: region.id, text: text.trim() }); };"
            + " document.addEventListener('DOMContentLoaded', () => new MutationObserver((records) => {"
            + "   for (const r of records) {"
            + "     if (r.type === 'characterData') note(r.target, r.target.data);"
            + "     else r.addedNodes.forEach((n) => note(n.nodeType === 1 ? n : r.target, words(n)));"
            + "   } }).observe(document.body, { childList: true, subtree: true, characterData: true }));";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("heard.amina", 1)));

    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
    }

    /** A browser that records what its live regions say, from the next page load on, with the page loaded. */
    private Browser listening() {
        Browser browser = Browser.open();
        browsers.add(browser);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", RECORDER));
        browser.keepWebSockets();
        browser.get("http://localhost:" + helpline.port(0) + "/?lang=en");
        browser.visible(By.id("start"));
        return browser;
    }

    /** What the live regions said since the last {@link #forget}, as "region: words". */
    @SuppressWarnings("unchecked")
    private static List<String> heard(Browser browser, String region) {
        List<Object> all = (List<Object>) browser.script("return window.heard.filter(h => !arguments[0]"
                + " || h.region === arguments[0]).map(h => h.region + ': ' + h.text)", region);
        return all.stream().map(String::valueOf).toList();
    }

    private static void forget(Browser browser) {
        browser.script("window.heard.length = 0");
    }

    /** A frame as the server sends it, given to the page's socket (the page cannot tell it from the server's). */
    private static void frame(Browser browser, JsonObject frame) {
        browser.script("window.testSockets.at(-1).onmessage({ data: arguments[0] })", frame.encode());
    }

    private static void send(Browser browser, String text) {
        int stored = browser.driver().findElements(STORED_OWN).size();
        WebElement box = browser.find(By.id("text"));
        box.sendKeys(text);
        browser.click(By.id("send"));
        browser.waiting().until(driver -> driver.findElements(STORED_OWN).size() > stored);
    }

    /** Waits until the message she sent shows its time: the server's ack and its echo have both come. */
    private static void bothAnswersIn(Browser browser, String text) {
        browser.waiting().withMessage("'" + text + "' with its time").until(driver -> Boolean.TRUE.equals(
                browser.script("return [...document.querySelectorAll('#messages li.from-visitor')].some(li =>"
                        + " li.querySelector('.text').textContent === arguments[0]"
                        + " && /^\\d\\d:\\d\\d$/.test(li.querySelector('.meta').textContent))", text)));
    }

    @Test
    void eachMessageSheSendsIsReadOutOnce() {
        Browser visitor = listening();
        visitor.startChatAndSay("I need help");
        bothAnswersIn(visitor, "I need help");
        assertEquals(List.of("messages: YouI need help"), heard(visitor, "messages"),
                "one send, one announcement (not taken out and put back, its sending / sent / time not read)");

        forget(visitor);
        send(visitor, "He is back");
        bothAnswersIn(visitor, "He is back");
        assertEquals(List.of("messages: YouHe is back"), heard(visitor, "messages"), "the second send too");
    }

    @Test
    void aReloadShowsTheConversationAgainWithoutReadingItAloud() {
        Browser visitor = listening();
        visitor.startChatAndSay("first");
        send(visitor, "second");
        send(visitor, "third");

        visitor.driver().navigate().refresh();
        visitor.waiting().withMessage("the three messages shown again").until(driver ->
                driver.findElements(STORED_OWN).size() == 3);
        visitor.waiting().withMessage("the list live again").until(driver ->
                "polite".equals(visitor.find(By.id("messages")).getAttribute("aria-live"))
                        && visitor.find(By.id("messages")).getAttribute("aria-busy") == null);
        assertEquals(List.of(), heard(visitor, "messages"), "the history shown again is not read aloud");

        send(visitor, "fourth");
        bothAnswersIn(visitor, "fourth");
        assertEquals(List.of("messages: Youfourth"), heard(visitor, "messages"), "a new message is read out");
    }

    @Test
    void theSamePlaceInTheQueueAgainReadsNothing() {
        Browser visitor = listening();
        visitor.click(By.id("start"));
        visitor.visible(By.id("chat"));
        // the server's own queue frame first (nobody online): the frames given below come after it
        visitor.textAppears(By.id("queue-position"), "Nobody is online right now");
        String conversation = (String) visitor.script(
                "return JSON.parse(sessionStorage.getItem('helpline.visitor')).conversation");
        JsonObject queue = new JsonObject().put("type", "queue").put("conversation", conversation).put("position", 7)
                .put("estimatedWaitSeconds", 600).put("counsellorsOnline", true);
        frame(visitor, queue);
        visitor.textAppears(By.id("queue-position"), "You are number 7 in the queue — about 10 minutes");
        // and the server's reason (nobody free: it knows nobody online), which these words begin with from then on
        visitor.textAppears(By.id("queue-position"), "No counsellor is free right now");
        forget(visitor);

        frame(visitor, queue.copy().put("estimatedWaitSeconds", 610)); // the same words: about 10 minutes
        frame(visitor, queue.copy().put("estimatedWaitSeconds", 590));
        frame(visitor, queue.copy().put("position", 6)); // changed words, said: also the mark that both came
        visitor.textAppears(By.id("queue-position"), "You are number 6 in the queue");
        assertEquals(List.of("queue-position: No counsellor is free right now; the lines below are open now. You are "
                + "number 6 in the queue — about 10 minutes"), heard(visitor, "queue-position"),
                "only the words that changed are read");
    }

    @Test
    void aRefusedStartIsReadOutOnce() {
        Browser visitor = listening();
        visitor.waiting().until(driver -> Boolean.TRUE.equals(visitor.script(
                "return window.testSockets.length > 0 && window.testSockets.at(-1).readyState === 1")));
        // the start never reaches the server: its refusal, as the server sends it, is given to the page below
        visitor.script("const s = window.testSockets.at(-1); const send = s.send.bind(s);"
                + " s.send = (data) => { if (JSON.parse(data).type !== 'start') send(data); };");
        visitor.click(By.id("start"));
        visitor.textAppears(By.id("status"), "Starting");
        forget(visitor);
        JsonObject line = new JsonObject().put("id", "fr-3919").put("name", "Violences Femmes Info")
                .put("numbers", new JsonArray().add(new JsonObject().put("number", "3919").put("channel", "voice")
                        .put("free", true)));
        frame(visitor, new JsonObject().put("type", "alternatives").put("reason", "unavailable")
                .put("hotlines", new JsonArray().add(line)).put("emergency", new JsonArray()));
        frame(visitor, new JsonObject().put("type", "error").put("ref", "start").put("code", "chat_unavailable"));
        visitor.textAppears(By.id("notice"), "A chat cannot start from here right now.");
        visitor.textAppears(By.id("alt-reason"), "A chat cannot start from here right now.");
        List<String> refused = heard(visitor, null).stream()
                .filter(words -> words.contains("cannot start from here")).toList();
        assertEquals(List.of("status: A chat cannot start from here right now. Please call one of the lines below, or"
                + " try again later."), refused, "said once, by the status line (not the notice, not the lines)");

        // she continues a chat of hers with its code: the refusal's words were the form's, not this chat's (the
        // server's alternatives for the waiting chat, which would replace them anyway, are kept from the page)
        visitor.script("const s = window.testSockets.at(-1); const page = s.onmessage;"
                + " s.onmessage = (e) => { if (JSON.parse(e.data).type !== 'alternatives') page.call(s, e); };");
        Helpline.Visitor hers = helpline.visitor(0, new JsonObject());
        visitor.click(By.cssSelector("#continue summary"));
        visitor.visible(By.id("resume-code")).sendKeys(hers.started().getString("resumeCode"));
        visitor.click(By.id("resume"));
        visitor.visible(By.id("chat"));
        visitor.waiting().withMessage("the refusal's words gone with the form").until(driver ->
                !visitor.find(By.id("alt-reason")).getText().contains("cannot start"));
        hers.socket().next("replaced");
    }

    @Test
    void everyLiveRegionIsRenderedBeforeItsFirstWords() {
        Browser visitor = listening();
        String check = "return [...document.querySelectorAll('[aria-live],[role=status],[role=alert]')]"
                + ".filter(e => !e.closest(arguments[0]) && !e.checkVisibility({ visibilityProperty: true }))"
                + ".map(e => e.id)";
        assertEquals(List.of(), visitor.script(check, "#chat, details"), "on the welcome form");
        assertTrue(visitor.find(By.id("queue-position")).getText().isEmpty(), "nothing said yet");
        visitor.find(By.cssSelector("#continue summary")).click();
        assertEquals(List.of(), visitor.script(check, "#chat"), "Continue a conversation opened");

        visitor.click(By.id("start"));
        visitor.visible(By.id("chat"));
        assertEquals(List.of(), visitor.script(check, "#start-form, details"), "in a chat");
        for (String empty : List.of("connection", "notice", "location-status")) {
            assertTrue(visitor.find(By.id(empty)).getText().isEmpty(), empty + ": nothing said yet");
        }
    }

    @Test
    void onASmallPhoneTheCounsellorsMessagesKeepTheReplyBoxAndTheNewestInView() {
        Browser phone = Browser.open();
        browsers.add(phone);
        phone.emulateTouchScreen();
        Screen screen = Screen.sized(phone, 360, 640, true);
        phone.get("http://localhost:" + helpline.port(0) + "/?lang=en");
        phone.visible(By.id("start"));
        TestSocket console = helpline.availableConsole(0, "heard.amina", TestConfig.PASSWORD);
        phone.click(By.id("start"));
        phone.visible(By.id("chat"));
        String conversation = console.next("assigned").getString("conversation");
        phone.textAppears(By.id("chat-line"), "Counsellor heard.amina is with you.");
        assertEquals("", screen.stillHidden(By.id("text"), HEADER), "the reply box, before any message");

        for (int i = 1; i <= 5; i++) {
            String text = "Message " + i + ": take your time, you can write short messages, I am here with you.";
            console.send(new JsonObject().put("type", "send").put("conversation", conversation)
                    .put("clientId", "heard-" + i).put("text", text));
            phone.textAppears(By.cssSelector("#messages li.message.from-counsellor:last-child .text"), text);
            assertEquals("", screen.stillHidden(By.id("text"), HEADER), "the reply box after message " + i);
            assertEquals("", screen.stillHidden(By.cssSelector("#messages li.message:last-child"), HEADER),
                    "the newest message after message " + i);
        }
        console.send(new JsonObject().put("type", "end").put("conversation", conversation));
        console.send(new JsonObject().put("type", "status").put("status", "away"));
        console.next("status");
    }
}
