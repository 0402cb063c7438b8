package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Supervision in two real headless Chromiums: a counsellor asks for help from her chat card; the supervisor's page
 * alerts, opens the chat read-only from the alert (history, then live, in a pane in view), and whispers; the console
 * shows that the chat is monitored and the whisper, marked as for her only, in view; the visitor never gets it. Both
 * pages pass axe-core as {@link AccessibilityIT} checks them. The console says the chat is read until that very
 * monitoring ends; a pane asking again after a reconnect says where a chat that moved on went. A pane whose
 * monitoring ended keeps nothing of the chat, and a console keeps no whisper of a chat its visitor deleted.
 */
class SupervisionBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("svb.amina", 3), TestConfig.counsellor("svb.nadia", 3),
            TestConfig.counsellor("svb.louise", 3), TestConfig.supervisor("svb.sam")));

    private static By inChat(String conversation, String css) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] " + css);
    }

    private static By inPane(String conversation, String css) {
        return By.cssSelector("section.monitor-pane[data-conversation='" + conversation + "'] " + css);
    }

    /** Whether the element shows inside the window, uncovered: no scrolling needed to read it. */
    private static boolean inView(Browser browser, By locator) {
        return Boolean.TRUE.equals(browser.script("const e = arguments[0]; const box = e.getBoundingClientRect();"
                + " if (box.width <= 0 || box.height <= 0 || box.top < 0 || box.bottom > innerHeight) return false;"
                + " const top = document.elementFromPoint(box.x + box.width / 2, box.y + Math.min(box.height / 2, 10));"
                + " return top !== null && (top === e || e.contains(top));", browser.find(locator)));
    }

    @Test
    void aCallForHelpIsAnsweredByMonitoringAndAWhisperTheVisitorNeverSees() {
        String base = "http://localhost:" + helpline.port(0);
        String whisper = "Ask whether the children are safe tonight";
        try (Browser console = Browser.open(1280, 800); Browser supervisor = Browser.open(1280, 800)) {
            supervisor.keepWebSockets();
            supervisor.get(base + "/supervisor/");
            supervisor.logIn("svb.sam", TestConfig.PASSWORD);
            supervisor.visible(By.id("totals"));

            console.keepWebSockets();
            console.get(base + "/console/");
            console.logIn("svb.amina", TestConfig.PASSWORD);
            console.visible(By.id("workspace"));
            console.goAvailable();
            Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
            visitor.socket().next("assigned");
            String chat = visitor.conversation();
            visitor.says("v-1", "He took my phone yesterday");
            console.textAppears(inChat(chat, "li.message.from-visitor .text"), "He took my phone yesterday");

            console.click(inChat(chat, "button.ask-help"));
            console.textAppears(inChat(chat, ".help-status"), "The supervisors are alerted.");
            supervisor.textAppears(By.cssSelector("#alerts li.alert.help .alert-title"), "A counsellor asks for help");
            supervisor.textAppears(By.cssSelector("#alerts li.alert.help .alert-detail"), "from Counsellor svb.amina");
            // asked again within the minute: answered help_requested only, and the button works again
            console.click(inChat(chat, "button.ask-help"));
            console.textAppears(inChat(chat, ".help-status"), "The supervisors are alerted.");
            console.waiting().withMessage("the help button enabled again")
                    .until(driver -> console.find(inChat(chat, "button.ask-help")).isEnabled());
            // a call refused for now (given to the page as the server sends it): the page's words, to ask again
            console.script("window.testSockets.at(-1).onmessage({ data: arguments[0] })", new JsonObject()
                    .put("type", "error").put("ref", "help").put("conversation", chat).put("code", "unavailable")
                    .put("message", "Redis unavailable: send again with the same clientId").encode());
            console.textAppears(inChat(chat, ".help-status"), "Not sent: the service had a short problem.");

            supervisor.click(By.cssSelector("#alerts li.alert.help button.monitor-chat"));
            supervisor.textAppears(inPane(chat, "li.message.from-visitor .text"), "He took my phone yesterday");
            supervisor.textAppears(inPane(chat, "h3"), "with Counsellor svb.amina");
            assertTrue(inView(supervisor, inPane(chat, "h3")), "the pane opens in view");
            console.textAppears(inChat(chat, ".watchers"), "Supervision: Supervisor svb.sam is reading this chat");
            assertTrue(inView(console, inChat(chat, ".watchers")), "the counsellor sees she is monitored");

            visitor.says("v-2", "I am hiding in the bathroom");
            supervisor.textAppears(inPane(chat, "li.message.from-visitor:last-of-type .text"),
                    "I am hiding in the bathroom");

            supervisor.find(inPane(chat, "textarea.whisper-text")).sendKeys(whisper);
            supervisor.click(inPane(chat, "button.whisper-send"));
            supervisor.textAppears(inPane(chat, "li.message.whisper .text"), whisper);
            console.textAppears(inChat(chat, "li.message.whisper .text"), whisper);
            console.textAppears(inChat(chat, ".whisper-latest .text"), whisper);
            console.textAppears(inChat(chat, ".whisper-latest .who"),
                    "Whisper from Supervisor svb.sam — only you see this");
            assertTrue(inView(console, inChat(chat, ".whisper-latest")), "the whisper shows at the top of her chat");
            assertTrue(visitor.socket().frames(TestSocket.QUIET).stream().noneMatch(f -> f.encode().contains(whisper)),
                    "the visitor never gets the whisper");
            AccessibilityIT.assertAccessible(supervisor, "the supervisor page with a monitor pane");
            AccessibilityIT.assertAccessible(console, "the console with a monitored chat and a whisper");

            // the supervisor's connection drops: the pane keeps none of the chat until it monitors again
            supervisor.offline(true);
            supervisor.dropLastWebSocket();
            supervisor.textAppears(inPane(chat, ".pane-status"), "Connection lost");
            assertFalse(shows(supervisor, "I am hiding in the bathroom"), "nothing of the chat while disconnected");
            // the pane's first ask once back is answered "unavailable" (kept from the server, answered as it would):
            // it asks again, and shows the chat again
            supervisor.script("const answer = arguments[0]; const send = WebSocket.prototype.send; let once = true;"
                    + " WebSocket.prototype.send = function (data) {"
                    + "   if (once && JSON.parse(data).type === 'monitor') { once = false; const s = this;"
                    + "     setTimeout(() => s.onmessage({ data: answer }), 0); return; }"
                    + "   return send.call(this, data); };", new JsonObject().put("type", "error").put("ref", "monitor")
                    .put("conversation", chat).put("code", "unavailable").put("message", "Redis unavailable")
                    .encode());
            supervisor.offline(false);
            supervisor.script("window.dispatchEvent(new Event('online'))"); // the network back: it reconnects now
            supervisor.textAppears(inPane(chat, ".pane-status"), "Asking again");
            supervisor.textAppears(inPane(chat, "li.message.from-visitor:last-of-type .text"),
                    "I am hiding in the bathroom");

            // the chat ends: the pane keeps none of it (she may delete it later, and nobody would tell this page)
            visitor.end();
            supervisor.textAppears(inPane(chat, ".pane-status"), "Its messages are no longer shown here");
            assertFalse(shows(supervisor, "I am hiding in the bathroom"), "the ended pane keeps no message");
            assertFalse(shows(supervisor, whisper), "nor the whisper");
            assertEquals("Monitor", supervisor.find(By.cssSelector("#alerts li.alert.help button.monitor-chat"))
                    .getText(), "its monitoring over, the chat may be monitored again");
            // her console keeps the ended chat for its outcome; the visitor deletes it: the whisper goes with it
            visitor.socket().send(new JsonObject().put("type", "forget"));
            assertTrue(visitor.socket().next("ended").getBoolean("erased"));
            console.textAppears(inChat(chat, "li.presence.erased"), "deleted this conversation");
            assertFalse(shows(console, "I am hiding in the bathroom"), "the console keeps no message");
            assertFalse(shows(console, whisper), "nor the supervisor's whisper");
        }
    }

    /** Whether the page holds the text anywhere, shown or hidden, in an element or a text box. */
    private static boolean shows(Browser browser, String text) {
        return Boolean.TRUE.equals(browser.script("return document.body.innerHTML.includes(arguments[0])"
                + " || [...document.querySelectorAll('textarea, input')].some((e) => e.value.includes(arguments[0]));",
                text));
    }

    private static JsonObject frame(String type, String conversation) {
        return new JsonObject().put("type", type).put("conversation", conversation);
    }

    /**
     * The console follows each monitoring by its id: another socket of the same supervisor (a second tab, or the
     * page's connection before a reconnect) ending its own, then a takeover and the chat handed back to her, leave
     * "is reading this chat" on her card while the supervisor's pane still reads it.
     */
    @Test
    void theCardSaysTheChatIsReadUntilThatVeryMonitoringEnds() {
        String base = "http://localhost:" + helpline.port(0);
        try (Browser console = Browser.open(1280, 800); Browser supervisor = Browser.open(1280, 800)) {
            supervisor.get(base + "/supervisor/");
            supervisor.logIn("svb.sam", TestConfig.PASSWORD);
            supervisor.visible(By.id("totals"));
            console.get(base + "/console/");
            console.logIn("svb.nadia", TestConfig.PASSWORD);
            console.visible(By.id("workspace"));
            console.goAvailable();
            Helpline.Visitor visitor = helpline.visitor(0, new JsonObject());
            visitor.socket().next("assigned");
            String chat = visitor.conversation();
            By watchers = inChat(chat, ".watchers");
            String reading = "Supervision: Supervisor svb.sam is reading this chat";

            supervisor.click(By.cssSelector("#monitorable li[data-conversation='" + chat + "'] button.monitor-chat"));
            console.textAppears(watchers, reading);
            TestSocket tab = helpline.supervisor(0, "svb.sam", TestConfig.PASSWORD);
            tab.send(frame("monitor", chat));
            tab.next("monitoring");
            tab.abort();
            console.waiting().until(d -> d.findElements(inChat(chat, ".supervision-log li.supervision-monitor_end"))
                    .size() == 1);
            assertTrue(console.find(watchers).getText().contains(reading),
                    "another monitoring of the same name ended, not the page's: " + console.find(watchers).getText());

            TestSocket ownConsole = helpline.console(0, "svb.sam", TestConfig.PASSWORD);
            TestSocket desk = helpline.supervisor(0, "svb.sam", TestConfig.PASSWORD);
            desk.send(frame("take_over", chat));
            desk.next("taken_over");
            ownConsole.take(f -> "assigned".equals(f.getString("type")) && chat.equals(f.getString("conversation")),
                    "the chat on the supervisor's console");
            console.waiting().until(d -> d.findElements(By.cssSelector("section.chat")).isEmpty());
            ownConsole.send(frame("transfer", chat).put("toCounsellor", "svb.nadia"));
            assertEquals("transferred", ownConsole.next("released").getString("reason"));
            console.textAppears(watchers, reading); // the takeover ended no monitoring: the pane still reads the chat
            supervisor.textAppears(inPane(chat, ".pane-status"), "The chat moved to Counsellor svb.nadia");
            visitor.end();
        }
    }

    /**
     * A pane still open when the page reconnects asks for its chat again; one that went back to the queue meanwhile
     * (its counsellor's console gone past the grace) says so, not that it ended.
     */
    @Test
    void aPaneAskingAgainAfterAReconnectSaysTheChatWentBackToTheQueue() {
        try (Browser supervisor = Browser.open(1280, 800)) {
            supervisor.keepWebSockets();
            supervisor.get("http://localhost:" + helpline.port(0) + "/supervisor/");
            supervisor.logIn("svb.sam", TestConfig.PASSWORD);
            supervisor.visible(By.id("totals"));
            TestSocket console = helpline.availableConsole(0, "svb.louise", TestConfig.PASSWORD);
            Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject());
            String chat = visitor.conversation();
            supervisor.click(By.cssSelector("#monitorable li[data-conversation='" + chat + "'] button.monitor-chat"));
            By status = inPane(chat, ".pane-status");
            supervisor.textAppears(status, "Monitoring");
            visitor.says("v-1", "Please do not call back");
            supervisor.textAppears(inPane(chat, "li.message.from-visitor .text"), "Please do not call back");

            supervisor.offline(true);
            supervisor.dropLastWebSocket();
            supervisor.textAppears(By.id("sv-connection"), "Connection lost");
            console.abort();
            helpline.graceOver("svb.louise");
            visitor.socket().next("requeued");
            supervisor.offline(false);
            supervisor.script("window.dispatchEvent(new Event('online'))"); // back now, not at the backoff's next try
            supervisor.textAppears(status, "the chat is back in the queue");
            assertFalse(supervisor.find(status).getText().contains("ended"), supervisor.find(status).getText());
            assertFalse(shows(supervisor, "Please do not call back"), "the pane keeps none of the chat");
            visitor.end();
        }
    }
}
