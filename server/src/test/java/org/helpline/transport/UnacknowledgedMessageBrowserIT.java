package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.store.Keys;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A message the server stored whose {@code ack} (and echo) the page never got, its connection dropped in between, in
 * real headless Chromium: after the page reconnects, it is shown once and sent, never "Not sent", on the console
 * whether the chat is still hers or went back to the queue meanwhile, and on the visitor's page whether the chat goes
 * on or ended meanwhile. A message typed while the connection was down is sent once after it. A reply whose frame
 * got no answer is sent again after 15 s, and not at all once it is too large for the node (given back "Not sent").
 */
class UnacknowledgedMessageBrowserIT {
    private static final String COUNSELLOR = "unacked.amina";
    /** The counsellor of the visitor page's chat, a test socket. */
    private static final String LISTENER = "unacked.louise";
    private static final String VISITOR_MESSAGES = "#messages li.message.from-visitor";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor(COUNSELLOR, 2), TestConfig.counsellor(LISTENER, 2)));

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    /**
     * (a) Stored, its ack and echo lost, the console back within the grace: its resend is answered with the same seq
     * and the stored message comes again after {@code assigned}, in either order. (c) Typed while the connection was
     * down: sent once after the reconnect. Then stored, its ack lost, and the console gone past the grace: the chat
     * went back to the queue, and the reply the visitor got is shown sent, not "Not sent" back in the reply box.
     */
    @Test
    void aReplyWhoseAckWasLostIsShownOnceAndSentWhetherTheChatIsStillHersOrWentBackToTheQueue() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = counsellor.consoleHolding(base() + "/console/", COUNSELLOR, visitor.conversation());
            String replies = inChat(visitor.conversation(), "li.message.from-counsellor");
            visitor.socket().next("assigned");

            counsellor.dropLastWebSocketAtFrame("ack", "message");
            reply(counsellor, chat, "Je suis là, prenez votre temps");
            assertEquals("Je suis là, prenez votre temps", visitor.socket().next("message").getString("text"));
            shownSentOnce(counsellor, replies, "Je suis là, prenez votre temps");

            counsellor.offline(true);
            counsellor.dropLastWebSocket();
            counsellor.textAppears(By.id("connection-state"), "reconnecting");
            reply(counsellor, chat, "Vous pouvez m'écrire quand vous voulez");
            counsellor.visible(By.cssSelector(replies + ".pending"));
            counsellor.offline(false);
            counsellor.script("window.dispatchEvent(new Event('online'))");
            shownSentOnce(counsellor, replies, "Vous pouvez m'écrire quand vous voulez");
            assertEquals("Vous pouvez m'écrire quand vous voulez", visitor.socket().next("message").getString("text"));

            counsellor.offline(true);
            counsellor.dropLastWebSocketAtFrame("ack", "message");
            reply(counsellor, chat, "Je reviens vers vous");
            assertEquals("Je reviens vers vous", visitor.socket().next("message").getString("text"));
            Waits.until(() -> helpline.<Long>inRedis(redis -> redis.zcard(Keys.consoles(COUNSELLOR))) == 0, 10,
                    "the server saw her console go");
            helpline.graceOver(COUNSELLOR);
            assertEquals("counsellor_unavailable", visitor.socket().next("requeued").getString("reason"));
            counsellor.offline(false);
            counsellor.script("window.dispatchEvent(new Event('online'))");
            counsellor.textAppears(chat, "Back in the queue: not yours any more");
            shownSentOnce(counsellor, replies, "Je reviens vers vous");
            assertEquals("", counsellor.find(chat).findElement(By.cssSelector("textarea.text")).getAttribute("value"),
                    "nothing given back to send again");
            assertEquals(List.of(), counsellor.driver().findElements(By.cssSelector(replies + ".failed")),
                    "nothing marked not sent");
            assertEquals(3, shownTexts(counsellor, replies).size(), "her three replies: " + shownTexts(counsellor,
                    replies));
            assertEquals(List.of(), visitor.socket().all("message", TestSocket.QUIET), "the visitor got each once");
            assertEquals(3L, helpline.<Long>inRedis(redis -> redis.llen(Keys.log(visitor.conversation()))),
                    "each stored once");
        } finally {
            visitor.end();
        }
    }

    /**
     * The visitor's page: stored, its ack and echo lost, the page resumes at once and shows it once, sent. Then stored,
     * its ack lost, and the counsellor ends the chat before the page resumes: {@code resumed} says the chat ended, and
     * the message comes after it with the history; it is shown sent, not "Not sent" with its text back in the box.
     */
    @Test
    void aVisitorsMessageWhoseAckWasLostIsShownOnceAndSentAlsoWhenTheChatEndedMeanwhile() {
        TestSocket console = null;
        try (Browser visitor = Browser.open()) {
            visitor.keepWebSockets();
            visitor.get(base() + "/");
            visitor.startChatAndSay("Bonjour");
            String conversation = (String) visitor.script(
                    "return JSON.parse(sessionStorage.getItem('helpline.visitor')).conversation");
            console = helpline.availableConsole(0, LISTENER, TestConfig.PASSWORD);
            console.take(f -> "assigned".equals(f.getString("type"))
                    && conversation.equals(f.getString("conversation")), "the visitor's chat assigned");

            visitor.dropLastWebSocketAtFrame("ack", "message");
            say(visitor, "Il est rentré plus tôt");
            visitorSaid(console, "Il est rentré plus tôt");
            shownSentOnce(visitor, VISITOR_MESSAGES, "Il est rentré plus tôt");

            visitor.offline(true);
            visitor.dropLastWebSocketAtFrame("ack", "message");
            say(visitor, "Je dois partir");
            visitorSaid(console, "Je dois partir");
            console.send(new JsonObject().put("type", "end").put("conversation", conversation));
            console.take(f -> "ended".equals(f.getString("type")) && conversation.equals(f.getString("conversation")),
                    "the end");
            visitor.offline(false);
            visitor.waiting().until(driver -> {
                visitor.script("window.dispatchEvent(new Event('online'))"); // now, not at the backoff's next try
                return visitor.find(By.id("new-chat")).isDisplayed();
            });
            visitor.textAppears(By.id("status"), "The counsellor ended the conversation");
            shownSentOnce(visitor, VISITOR_MESSAGES, "Je dois partir");
            assertEquals("", visitor.find(By.id("text")).getAttribute("value"), "nothing given back to send again");
            assertEquals(List.of(), visitor.driver().findElements(By.cssSelector(VISITOR_MESSAGES + ".failed")),
                    "nothing marked not sent");
            assertEquals(List.of("Bonjour", "Il est rentré plus tôt", "Je dois partir"),
                    shownTexts(visitor, VISITOR_MESSAGES));
            assertEquals(3L, helpline.<Long>inRedis(redis -> redis.llen(Keys.log(conversation))), "each stored once");
        } finally {
            if (console != null) { // no later chat is given to her
                console.send(new JsonObject().put("type", "status").put("status", "away"));
                console.next("status");
            }
        }
    }

    /**
     * Her reply's frame is lost on the way (the page's socket swallows it; connected all along): it waits "Sending…",
     * and End is refused and says why, since an end sent before the reply would leave it unsent. With no answer in
     * 15 s the page sends it again (its 15 s timer, run by the test when it is set); once it is stored, End ends the
     * chat.
     */
    @Test
    void aChatIsNotEndedWhileAReplyOfHersGetsNoAnswerWhichIsSentAgainLater() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = counsellor.consoleHolding(base() + "/console/", COUNSELLOR, visitor.conversation());
            String replies = inChat(visitor.conversation(), "li.message.from-counsellor");
            visitor.socket().next("assigned");

            swallowNextSend(counsellor);
            // the page's 15 s timers are kept here, to be run by the test rather than waited out
            counsellor.script("window.testTimers = []; const later = window.setTimeout;"
                    + " window.setTimeout = (run, delay, ...rest) => delay === 15000"
                    + " ? (window.testTimers.push(run), later(() => {}, 3600000)) : later(run, delay, ...rest);");
            reply(counsellor, chat, "Appelez le 3919 quand vous pourrez");
            counsellor.visible(By.cssSelector(replies + ".pending"));
            counsellor.find(chat).findElement(By.cssSelector("button.end")).click();
            counsellor.find(chat).findElement(By.cssSelector("button.outcome-end-now")).click();
            counsellor.textAppears(By.cssSelector(inChat(visitor.conversation(), ".outcome-status")),
                    "still being sent");
            assertEquals(List.of(), visitor.socket().all("ended", TestSocket.QUIET), "not ended");

            assertEquals(1L, counsellor.script("return window.testTimers.length"), "one 15 s timer: the resend");
            counsellor.script("window.testTimers.shift()()"); // its 15 s are up
            shownSentOnce(counsellor, replies, "Appelez le 3919 quand vous pourrez");
            assertEquals("Appelez le 3919 quand vous pourrez", visitor.socket().next("message").getString("text"));
            counsellor.find(chat).findElement(By.cssSelector("button.outcome-end-now")).click();
            assertEquals("counsellor", visitor.socket().next("ended").getString("by"));
            assertEquals(1L, helpline.<Long>inRedis(redis -> redis.llen(Keys.log(visitor.conversation()))),
                    "stored once");
        }
    }

    /**
     * Her reply's frame is lost on the way, and the console reconnects to a node that takes smaller frames than that
     * reply's (its {@code welcome} says): the reply is not sent again, where no answer would ever name it, but marked
     * "Not sent" and given back to her box, and End is no longer held for it.
     */
    @Test
    void aReplyTooLargeForTheNodeItIsSentAgainToIsGivenBackNotSentForever() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            By chat = counsellor.consoleHolding(base() + "/console/", COUNSELLOR, visitor.conversation());
            String replies = inChat(visitor.conversation(), "li.message.from-counsellor");
            visitor.socket().next("assigned");

            swallowNextSend(counsellor);
            String longReply = "Voici les numéros et les adresses dont nous avons parlé. ".repeat(8);
            reply(counsellor, chat, longReply);
            counsellor.visible(By.cssSelector(replies + ".pending"));
            counsellor.frameLimitInWelcome(300);
            counsellor.dropLastWebSocketAndReconnect();

            counsellor.textAppears(By.cssSelector(replies + ".failed"), "Not sent");
            assertEquals(longReply.trim(), counsellor.find(chat).findElement(By.cssSelector("textarea.text"))
                    .getAttribute("value").trim(), "given back to her box");
            counsellor.find(chat).findElement(By.cssSelector("textarea.text")).clear();
            counsellor.find(chat).findElement(By.cssSelector("button.end")).click();
            counsellor.find(chat).findElement(By.cssSelector("button.outcome-end-now")).click();
            assertEquals("counsellor", visitor.socket().next("ended").getString("by"));
            assertEquals(0L, helpline.<Long>inRedis(redis -> redis.llen(Keys.log(visitor.conversation()))),
                    "never stored");
        }
    }

    /**
     * An escalation whose answer did not come (its frame lost, the connection renewed): pressed again as it was, it
     * goes with the same {@code clientId}, so the server calls the emergency services once; pressed again with a note
     * added, it goes as a new escalation, so that what the counsellor is told was sent is what the partner got.
     */
    @Test
    void anEscalationPressedAgainIsTheSameOneUnlessWhatItSendsChanged() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
        try (Browser counsellor = Browser.open(1280, 900)) {
            counsellor.consoleHolding(base() + "/console/", COUNSELLOR, visitor.conversation());
            visitor.socket().next("assigned");
            String send = inChat(visitor.conversation(), "button.escalate-send");
            counsellor.click(By.cssSelector(inChat(visitor.conversation(), "button.escalate-emergency")));
            for (int press = 1; press <= 3; press++) {
                counsellor.script("window.testEscalations = window.testEscalations || [];"
                        + " const s = window.testSockets.at(-1); const send = s.send.bind(s); s.send = (data) =>"
                        + " JSON.parse(data).type === 'escalate' ? window.testEscalations.push(JSON.parse(data))"
                        + " : send(data);"); // lost on the way
                if (press == 3) {
                    counsellor.find(By.cssSelector(inChat(visitor.conversation(), "textarea.escalate-note")))
                            .sendKeys("Il a une arme à la maison");
                }
                counsellor.click(By.cssSelector(send));
                counsellor.textAppears(By.cssSelector(inChat(visitor.conversation(), ".escalate-status")),
                        "Escalating");
                counsellor.dropLastWebSocketAndReconnect();
                counsellor.waiting().until(driver -> counsellor.find(By.cssSelector(send)).isEnabled());
            }
            @SuppressWarnings("unchecked")
            List<String> ids = ((List<Object>) counsellor.script(
                    "return window.testEscalations.map(f => f.clientId)")).stream().map(String::valueOf).toList();
            assertEquals(3, ids.size(), ids.toString());
            assertEquals(ids.get(0), ids.get(1), "pressed again as it was: the same escalation");
            assertNotEquals(ids.get(0), ids.get(2), "a note added: a new escalation");
        } finally {
            visitor.end();
        }
    }

    /**
     * An escalation made, its answer lost with the socket: back, the card shows it from {@code assigned}; pressed again
     * as it was (the same escalation), the answer, with the numbers and the script to read, takes its place.
     */
    @Test
    void anEscalationWhoseAnswerWasLostShowsItsScriptOncePressedAgain() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("region", "59")); // in France: 17
        try (Browser counsellor = Browser.open(1280, 900)) {
            counsellor.consoleHolding(base() + "/console/", COUNSELLOR, visitor.conversation());
            visitor.socket().next("assigned");
            String send = inChat(visitor.conversation(), "button.escalate-send");
            counsellor.click(By.cssSelector(inChat(visitor.conversation(), "button.escalate-emergency")));
            counsellor.dropLastWebSocketAtFrame("escalation");
            counsellor.click(By.cssSelector(send));
            counsellor.visible(By.cssSelector(inChat(visitor.conversation(), ".escalation.earlier")));
            counsellor.waiting().until(driver -> counsellor.find(By.cssSelector(send)).isEnabled());

            counsellor.click(By.cssSelector(send));
            counsellor.waiting().withMessage("the answer in place of the earlier box").until(driver ->
                    driver.findElements(By.cssSelector(inChat(visitor.conversation(), ".escalation.earlier")))
                            .isEmpty());
            String script = counsellor.find(By.cssSelector(inChat(visitor.conversation(), ".escalation p.script")))
                    .getText();
            assertFalse(script.isBlank(), "the script to read");
            assertEquals(1, counsellor.driver().findElements(By.cssSelector(
                    inChat(visitor.conversation(), ".escalation"))).size(), "one escalation, shown once");
        } finally {
            visitor.end();
        }
    }

    /** The console's next {@code send} frame is lost on the way: the page's socket swallows it. */
    private static void swallowNextSend(Browser counsellor) {
        counsellor.script("const s = window.testSockets.at(-1); const send = s.send.bind(s); let lost = false;"
                + " s.send = (data) => { if (!lost && JSON.parse(data).type === 'send') { lost = true; return; }"
                + " send(data); };");
    }

    /** What {@code css} selects in the console's card of this chat. */
    private static String inChat(String conversation, String css) {
        return "section.chat[data-conversation='" + conversation + "'] " + css;
    }

    private static void reply(Browser counsellor, By chat, String text) {
        counsellor.find(chat).findElement(By.cssSelector("textarea.text")).sendKeys(text);
        counsellor.find(chat).findElement(By.cssSelector("button.send")).click();
    }

    private static void say(Browser visitor, String text) {
        visitor.script("document.getElementById('text').value = arguments[0];"
                + " document.getElementById('composer').requestSubmit();", text);
    }

    /** The counsellor's console got the visitor's {@code text}: the server stored it. */
    private static void visitorSaid(TestSocket console, String text) {
        console.take(f -> "message".equals(f.getString("type")) && text.equals(f.getString("text")),
                "the visitor's '" + text + "'");
    }

    /** The texts of the message items {@code items} (a CSS selector), in the order shown. */
    @SuppressWarnings("unchecked")
    private static List<String> shownTexts(Browser browser, String items) {
        return (List<String>) browser.script("return [...document.querySelectorAll(arguments[0])]"
                + ".map(li => li.querySelector('.text').textContent)", items);
    }

    /** How each message item of {@code items} showing {@code text} is shown: its classes, its seq and its meta. */
    @SuppressWarnings("unchecked")
    private static List<String> shownAs(Browser browser, String items, String text) {
        return (List<String>) browser.script("return [...document.querySelectorAll(arguments[0])]"
                + ".filter(li => li.querySelector('.text').textContent === arguments[1])"
                + ".map(li => li.className + ' seq=' + li.getAttribute('data-seq') + ' meta='"
                + " + li.querySelector('.meta').textContent)", items, text);
    }

    /**
     * Waits until {@code text} is shown sent (stored: with its seq), then checks, once the frames still on their way
     * have come, that it is shown once and was not marked "Not sent".
     */
    private static void shownSentOnce(Browser browser, String items, String text) {
        Waits.until(() -> shownAs(browser, items, text), shown -> shown.stream()
                .anyMatch(item -> item.contains(" delivered") && !item.contains("seq=null")), 30,
                "'" + text + "' shown as sent");
        TestSocket.sleep(TestSocket.QUIET);
        List<String> shown = shownAs(browser, items, text);
        assertEquals(1, shown.size(), "shown once: " + shown);
        assertFalse(shown.get(0).contains("failed") || shown.get(0).contains("Not sent"),
                "never marked not sent: " + shown);
    }
}
