package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Limits;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.UnansweredSends;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The visitor page's way back from a refusal that says "later", in real headless Chromium: messages refused
 * {@code rate_limited} stay "sending", are sent again after waits that double while the refusals go on (1-2 s,
 * 2-4 s, 4-8 s...), and each is stored once, in the order typed. The node allows 2 frames a second with bursts of 2,
 * so that each resend gets two messages through (every wait is 1 s or more) and the next refused again. The page
 * sends one message at a time, the next once the one before is answered: a refused frame is dropped unread, and a
 * later one let through by a token that came meanwhile would be stored before it.
 */
class RetryBrowserIT {
    private static final int TYPED = 8;
    /** Typed before the end: enough for two refusals before every one is stored. */
    private static final int TYPED_BEFORE_END = 6;
    private static final double FRAMES_PER_SECOND = 2;
    private static final int BURST = 2;
    /** setTimeout may fire a little before the millisecond asked for; the browser's timestamps round too. */
    private static final double TIMER_SLACK_SECONDS = 0.05;

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        Limits limits = base.limits();
        return ConfigBuilder.from(base).limits(new Limits(limits.maxFrameBytes(), limits.hardMessageBytes(),
                limits.maxTextChars(), FRAMES_PER_SECOND, BURST, limits.maxViolations(),
                limits.messagesPerMinutePerConversation(), limits.messagesPerConversation(),
                limits.visitorBytesPerConversation(), limits.socketsPerConversation(),
                limits.framesHandledPerNode())).build();
    }

    @Test
    void messagesRefusedForNowAreSentAgainLaterAndLaterAndStoredOnceInOrder() {
        try (Browser visitor = Browser.openRecordingNetwork()) {
            startChat(visitor);

            visitor.script("const text = document.getElementById('text');"
                    + "for (let n = 1; n <= arguments[0]; n++) {"
                    + "  text.value = 'message ' + n; document.getElementById('composer').requestSubmit(); }", TYPED);
            visitor.textAppears(By.id("notice"), "sending very quickly");
            List<String> typed = IntStream.rangeClosed(1, TYPED).mapToObj(n -> "message " + n).toList();
            Waits.until(() -> visitor.script("return [...document.querySelectorAll('#messages li.message')]"
                    + ".every(li => li.hasAttribute('data-seq')) && document.querySelectorAll("
                    + "'#messages li.message').length"), count -> Long.valueOf(TYPED).equals(count), 90,
                    "every message stored in the end");

            assertEquals(typed, visitor.script("return [...document.querySelectorAll('#messages li.message .text')]"
                    + ".map(p => p.textContent)"), "each shown once, in the order typed");
            assertEquals(IntStream.rangeClosed(1, TYPED).mapToObj(Long::valueOf).toList(),
                    visitor.script("return [...document.querySelectorAll('#messages li.message')]"
                            + ".map(li => Number(li.getAttribute('data-seq')))"),
                    "stored once each: seqs 1 to " + TYPED + ", none beyond");

            List<JsonObject> log = visitor.networkLog();
            assertEquals(1, UnansweredSends.most(log), "one message at a time waits for its answer");
            List<Double> rounds = roundsOfSends(log);
            // two get through a round, or three when the answers are slow enough for a token to come meanwhile
            assertTrue(rounds.size() >= 3, "the first send and at least two rounds of resends: " + rounds);
            for (int round = 1; round < Math.min(rounds.size(), 5); round++) {
                double least = Math.pow(2, round - 1); // half of 2 s, 4 s, 8 s, 16 s
                double waited = rounds.get(round) - rounds.get(round - 1);
                assertTrue(waited >= least - TIMER_SLACK_SECONDS,
                        "round " + round + " waited " + waited + " s, at least " + least + " s: " + rounds);
            }
        }
    }

    /**
     * She types messages and ends the chat at once, faster than the node takes them: the {@code end} goes only once
     * every message before it is answered, so all are stored before the chat ends, none left "not sent".
     */
    @Test
    void anEndAskedWhileMessagesWaitGoesOnceTheyAreAllStored() {
        try (Browser visitor = Browser.openRecordingNetwork()) {
            startChat(visitor);
            TestSocket.sleep(Duration.ofSeconds(1)); // the bucket full again after the start: two go at once

            visitor.script("const text = document.getElementById('text');"
                    + "for (let n = 1; n <= arguments[0]; n++) {"
                    + "  text.value = 'last words ' + n; document.getElementById('composer').requestSubmit(); }"
                    + "document.getElementById('end').click(); document.getElementById('end-yes').click();",
                    TYPED_BEFORE_END);
            Waits.until(() -> visitor.script("return !document.getElementById('new-chat').hidden"),
                    ended -> Boolean.TRUE.equals(ended), 60, "the chat ended (refused for the rate, sent again)");

            assertEquals(IntStream.rangeClosed(1, TYPED_BEFORE_END).mapToObj(n -> "last words " + n).toList(),
                    visitor.script("return [...document.querySelectorAll('#messages li.message.delivered[data-seq]"
                            + " .text')].map(p => p.textContent)"), "every message stored before the end");
            assertEquals(0L, visitor.script("return document.querySelectorAll('#messages li.message.failed').length"),
                    "none marked not sent");
            List<String> sent = new ArrayList<>();
            for (JsonObject event : visitor.networkLog()) {
                if ("Network.webSocketFrameSent".equals(event.getString("method"))) {
                    sent.add(new JsonObject(event.getJsonObject("params").getJsonObject("response")
                            .getString("payloadData")).getString("type"));
                }
            }
            assertTrue(sent.contains("end"), "the end was sent: " + sent);
            assertTrue(sent.lastIndexOf("send") < sent.indexOf("end"), "every message went before the end: " + sent);
        }
    }

    /** Starts a chat on the visitor page; the network log starts after it. */
    private static void startChat(Browser visitor) {
        visitor.get("http://localhost:" + helpline.port(0) + "/");
        visitor.click(By.id("start"));
        visitor.visible(By.id("chat"));
        visitor.waiting().until(driver -> visitor.script(
                "return sessionStorage.getItem('helpline.visitor')") != null);
        visitor.networkLog(); // only what follows counts
    }

    /**
     * When each round of {@code send} frames left the page (the browser's clock, in seconds): a round starts with the
     * first {@code send} after a frame was refused for the rate.
     */
    private static List<Double> roundsOfSends(List<JsonObject> log) {
        List<Double> rounds = new ArrayList<>();
        boolean refused = true; // the first send starts the first round
        for (JsonObject event : log) {
            JsonObject params = event.getJsonObject("params");
            String method = event.getString("method");
            if (!method.startsWith("Network.webSocketFrame") || !params.containsKey("response")) {
                continue;
            }
            JsonObject frame = new JsonObject(params.getJsonObject("response").getString("payloadData"));
            if ("Network.webSocketFrameReceived".equals(method)) {
                refused |= "error".equals(frame.getString("type")) && "rate_limited".equals(frame.getString("code"))
                        && frame.getString("ref") == null;
            } else if ("Network.webSocketFrameSent".equals(method) && "send".equals(frame.getString("type"))
                    && refused) {
                rounds.add(params.getDouble("timestamp"));
                refused = false;
            }
        }
        return rounds;
    }
}
