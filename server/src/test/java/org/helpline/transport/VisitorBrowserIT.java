package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HttpSettings;
import org.helpline.config.VisitorSettings;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The visitor's page and the partner widget in real headless Chromium, each browser its own context: quick exit
 * leaves nothing behind and Back does not show the chat, the resume code continues a chat in another browser while the
 * counsellor sees the visitor come back, and the widget on a partner's page (another origin, served here by a small
 * HTTP server on 127.0.0.1, which is also the "neutral site") opens the chat and leaves with quick exit.
 */
class VisitorBrowserIT {
    private static final By LINE = By.id("chat-line");
    private static final NeutralSite site = NeutralSite.start();

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private final List<Browser> browsers = new ArrayList<>();
    private final List<JsonObject> waitingChats = new ArrayList<>();

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors(TestConfig.counsellor("code.amina", 3),
                TestConfig.counsellor("forget.amina", 3));
        HttpSettings http = base.http();
        // Served locally: no internet in tests. Plain http on 127.0.0.1 does not pass config validation (https only),
        // so the test builds the settings directly.
        return ConfigBuilder.from(base).http(new HttpSettings(http.port(), http.publicOrigins(), http.allowedOrigins(),
                        List.of(site.origin()), http.trustedProxies(), http.requestHeaderTimeout(), http.idleTimeout(),
                        http.eventLoops(), http.connectionsPerClient()))
                .visitor(new VisitorSettings(Duration.ofMinutes(5), site.origin() + "/weather.html", 10)).build();
    }

    @Test
    void onlyTheVisitorPageMayBeFramedByAPartnerNeverTheConsoleOrTheSupervisorPage() {
        for (String path : new String[]{"/", "/?lang=fr"}) {
            String csp = helpline.get(0, path).headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.endsWith("frame-ancestors " + site.origin()), path + ": " + csp);
        }
        for (String path : new String[]{"/console/", "/supervisor/", "/health"}) {
            String csp = helpline.get(0, path).headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.endsWith("frame-ancestors 'none'"), path + ": " + csp);
        }
    }

    /**
     * A message whose frame would be over {@code maxFrameBytes} (3,000 control characters, six bytes each in JSON) is
     * refused on the page, never sent: the server's {@code too_large} could not say which frame it was. Her text stays
     * in the box; a shorter message after it goes as ever.
     */
    @Test
    void aMessageTooLargeForAFrameIsRefusedOnThePageAndStaysInTheBox() {
        try (Browser visitor = Browser.open()) {
            visitor.get(base() + "/");
            visitor.click(By.id("start"));
            visitor.visible(By.id("chat"));
            visitor.script("const text = document.getElementById('text'); text.value = '\\u0001'.repeat(3000);"
                    + " document.getElementById('composer').requestSubmit();");
            visitor.textAppears(By.id("notice"), "too long");
            assertEquals(3000L, visitor.script("return document.getElementById('text').value.length"),
                    "her text stays in the box");
            assertEquals(0L, visitor.script("return document.querySelectorAll('#messages li.message').length"),
                    "nothing shown as sent or sending");
            visitor.script("document.getElementById('text').value = 'Plus court';"
                    + " document.getElementById('composer').requestSubmit();");
            visitor.visible(By.cssSelector("#messages li.message.delivered[data-seq]"));
        }
    }

    /** Only the visitor page keeps a link to the tabs it opens (a line's website, for Quick exit to close it). */
    @Test
    void onlyTheVisitorPageKeepsALinkToTheTabsItOpens() {
        assertEquals("same-origin-allow-popups", helpline.get(0, "/").headers()
                .firstValue("Cross-Origin-Opener-Policy").orElseThrow());
        for (String path : new String[]{"/console/", "/supervisor/", "/health"}) {
            assertEquals("same-origin", helpline.get(0, path).headers().firstValue("Cross-Origin-Opener-Policy")
                    .orElseThrow(), path);
        }
    }

    /**
     * Chats left waiting (their visitor gone) are ended, so that no later test's counsellor is given them; resumed by
     * their code, as after a quick exit, which retires the secret.
     */
    @AfterEach
    void closeBrowsersAndEndWaitingChats() {
        browsers.forEach(Browser::close);
        browsers.clear();
        for (JsonObject chat : waitingChats) {
            TestSocket socket = helpline.socket(0, "/ws/visitor");
            socket.send(new JsonObject().put("type", "resume").put("code", chat.getString("code")));
            socket.next("resumed");
            socket.send(new JsonObject().put("type", "end"));
            socket.next("ended");
        }
        waitingChats.clear();
    }

    /** The chat is ended after the test with its resume code, which the page keeps in its memory only. */
    private void endAfterwards(Browser visitor) {
        waitingChats.add(new JsonObject((String) visitor.script(
                "return JSON.stringify(window.HelplineVisitor.chat.conv)")));
    }

    /** Session storage (the browser writes it to its disk) holds the chat, never its resume code. */
    private static void assertNoCodeStored(Browser visitor) {
        JsonObject stored = new JsonObject((String) visitor.script(
                "return sessionStorage.getItem('helpline.visitor')"));
        assertNotNull(stored.getString("resumeSecret"), "the chat is stored: " + stored.fieldNames());
        assertFalse(stored.containsKey("code"), "the resume code is not: " + stored.fieldNames());
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    private Browser browser(int width, int height) {
        Browser browser = Browser.open(width, height);
        browsers.add(browser);
        return browser;
    }

    /** A counsellor's console in its own browser, logged in and available. */
    private Browser availableCounsellor(String id) {
        Browser counsellor = browser(1280, 900);
        counsellor.get(base() + "/console/");
        counsellor.logIn(id, TestConfig.PASSWORD);
        counsellor.visible(By.id("workspace"));
        counsellor.goAvailable();
        return counsellor;
    }

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    private static String conversationOf(Browser visitor) {
        return (String) visitor.script("return JSON.parse(sessionStorage.getItem('helpline.visitor')).conversation");
    }

    private static String away(String conversation) {
        return helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "visitorAway"));
    }

    /** A visitor on a phone-sized browser who started a chat and said something. */
    private Browser chattingVisitor(String text) {
        return chattingVisitor(text, false);
    }

    /** The same, whose WebSockets the test can drop ({@link Browser#keepWebSockets}) when {@code keepSockets}. */
    private Browser chattingVisitor(String text, boolean keepSockets) {
        Browser visitor = browser(390, 844);
        if (keepSockets) {
            visitor.keepWebSockets();
        }
        visitor.get(base() + "/");
        visitor.startChatAndSay(text);
        return visitor;
    }

    /**
     * A line's website comes after its numbers and says, where she reads it, that it opens a tab Quick exit closes if
     * the browser lets it: the frame is given to the page's own socket, as the server sends it. Opened, the site has a
     * tab of its own, which Quick exit closes (here the site does not load: the test machine has no network; the tab
     * is there all the same).
     */
    @Test
    void aLinesWebsiteComesAfterItsNumbersInATabQuickExitCloses() {
        Browser visitor = chattingVisitor("hello", true);
        // the server's first look at her place (nobody online) and lines goes first: its frame would replace these
        visitor.textAppears(By.id("chat-line"), "Nobody is online now.");
        JsonObject line = new JsonObject().put("id", "test-line").put("name", "A line open now")
                .put("numbers", new JsonArray()
                        .add(new JsonObject().put("number", "https://www.example.org").put("channel", "web"))
                        .add(new JsonObject().put("number", "0800 000 000").put("channel", "voice").put("free", true)));
        String frame = new JsonObject().put("type", "alternatives").put("conversation", conversationOf(visitor))
                .put("reason", "waiting").put("hotlines", new JsonArray().add(line)).put("emergency", new JsonArray())
                .encode();
        Waits.untilPasses(() -> { // given again if the server's own lines, in the same tick, came after it
            visitor.script("window.testSockets.at(-1).onmessage({ data: arguments[0] })", frame);
            visitor.textAppears(By.id("alt-lines"), "A line open now");
            assertEquals(2, visitor.driver().findElements(By.cssSelector("#alt-lines li a.alt-number")).size());
        }, 10);
        List<WebElement> links = visitor.driver().findElements(By.cssSelector("#alt-lines li a.alt-number"));
        assertEquals(2, links.size());
        assertTrue(links.get(0).getAttribute("href").startsWith("tel:"), "the number first");
        assertEquals("_blank", links.get(1).getAttribute("target"));
        assertTrue(links.get(1).getText().contains("Quick exit closes it if the browser lets it"),
                links.get(1).getText());
        endAfterwards(visitor);

        String chat = visitor.driver().getWindowHandle();
        links.get(1).click();
        Waits.until(() -> visitor.driver().getWindowHandles().size() == 2, 10, "the website in a tab of its own");
        // She is on the site's tab and comes back to the chat's to press Quick exit, by which time the site has
        // replaced the tab's first blank page. Pressed in the instant the site replaces it, twice in CI the tab stayed
        // open (web-client.md).
        String website = visitor.driver().getWindowHandles().stream().filter(h -> !h.equals(chat)).findFirst()
                .orElseThrow();
        visitor.driver().switchTo().window(website);
        Waits.until(() -> !visitor.driver().getCurrentUrl().equals("about:blank"), 10, "the tab left its blank page");
        visitor.driver().switchTo().window(chat);
        visitor.click(By.id("quick-exit"));
        leftAndClosedTheWebsitesTab(visitor);
    }

    /**
     * On a slow network she is back on the chat's tab before the line's site has answered: Quick exit closes the tab
     * still waiting for it (here the site never answers). The page links only to https sites, which this test's site
     * is not, so the tab is opened by the function the link calls, the page's own {@code openWebsite}.
     */
    @Test
    void aLinesWebsiteNotAnsweredYetClosesWithQuickExit() {
        Browser visitor = chattingVisitor("hello");
        endAfterwards(visitor);
        visitor.textAppears(By.id("code-hold"), "5 minutes"); // the page has the configured neutral site
        int asked = site.unansweredLineAsked();
        String chat = visitor.driver().getWindowHandle();
        assertEquals(Boolean.TRUE, visitor.script("return HelplineVisitor.openWebsite(arguments[0])",
                site.origin() + NeutralSite.UNANSWERED_LINE));
        Waits.until(() -> visitor.driver().getWindowHandles().size() == 2, 10, "the website in a tab of its own");
        Waits.until(() -> site.unansweredLineAsked() > asked, 10, "the tab asked the site for its page");
        visitor.driver().switchTo().window(chat);
        visitor.click(By.id("quick-exit"));
        leftAndClosedTheWebsitesTab(visitor);
    }

    /** Quick exit, pressed on the chat's tab, left for the neutral site and closed the website's tab. */
    private static void leftAndClosedTheWebsitesTab(Browser visitor) {
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        Waits.until(() -> visitor.driver().getWindowHandles().size() == 1, 10, "the website's tab closed");
    }

    /** "Delete my conversation now", confirmed, and the page saying it is done. */
    private static void deleteNow(Browser visitor) {
        visitor.click(By.id("forget"));
        visitor.click(By.id("forget-yes"));
        visitor.textAppears(By.id("status"), "Your conversation was deleted.");
    }

    /**
     * Starts a chat and says {@code text}. In the first second after {@code started} the page grows the chat line
     * above the reply box (the first {@code queue} frame: place, "nobody is online", lines to call), which can move
     * Send between the driver's check of the button and its press: a press that missed leaves the text in the box,
     * so Send is pressed again until the box is empty (the page ignores Send with an empty box, so it cannot send
     * twice). Then the message must be shown as stored; a timeout says what the page showed.
     */
    @Test
    void quickExitLeavesNothingBehindAndBackDoesNotShowTheChat() {
        Browser visitor = browser(390, 844);
        visitor.get(site.origin() + "/start.html");
        visitor.get(base() + "/");
        visitor.startChatAndSay("Il regarde mon téléphone");
        String conversation = conversationOf(visitor);
        endAfterwards(visitor);
        visitor.textAppears(By.id("code-hold"), "5 minutes"); // the page has the configured settings

        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        Waits.until(() -> "quick_exit".equals(away(conversation)), 10, "the server told of the quick exit");

        visitor.driver().navigate().back();
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/start.html"));
        assertFalse(visitor.driver().getPageSource().contains("mon téléphone"), "Back does not show the chat");

        visitor.get(base() + "/");
        visitor.visible(By.id("start-form"));
        assertFalse(visitor.find(By.id("chat")).isDisplayed(), "no conversation shown");
        assertEquals(0L, visitor.script("return sessionStorage.length"));
        assertEquals(0L, visitor.script("return localStorage.length"));
        assertEquals(0L, visitor.script("return indexedDB.databases().then(list => list.length)"));
        assertTrue(visitor.driver().manage().getCookies().isEmpty(), "no cookie");
        assertEquals(0, visitor.driver().findElements(By.cssSelector("#messages li")).size());
    }

    /**
     * Her phone lost its connection and the page is still trying again when she leaves: no socket can carry the
     * {@code away}, so Quick exit tells the server over HTTP (a beacon), which retires the secret the browser may have
     * written to its disk, and the counsellor learns she left with Quick exit, not only that her connection was lost.
     */
    @Test
    void quickExitWhileThePageReconnectsStillRetiresTheSecret() {
        Browser visitor = chattingVisitor("Il rentre bientôt", true);
        String conversation = conversationOf(visitor);
        endAfterwards(visitor);
        visitor.offline(true);
        visitor.dropLastWebSocket();
        visitor.visible(By.id("connection"));
        Waits.until(() -> "connection_lost".equals(away(conversation)), 10, "away once her socket dropped");

        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        Waits.until(() -> "quick_exit".equals(away(conversation)), 10, "the server told of the quick exit");
        assertNull(helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "secret")),
                "the secret opens nothing");
    }

    /** On a slow or failing network the scripts may come late or never: the Quick exit link leaves without them. */
    @Test
    void quickExitLeavesBeforeItsScriptHasLoaded() {
        Browser visitor = browser(390, 844);
        visitor.blockUrls("*/visitor/quick-exit.js");
        visitor.get(base() + "/");
        visitor.visible(By.id("quick-exit"));
        assertEquals(Boolean.TRUE, visitor.script("return window.HelplineVisitor === undefined"), "the script ran");
        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
    }

    /**
     * Whoever pastes a copied resume code into "Continue a conversation" during the hold reads the whole chat: Quick
     * exit takes it off the clipboard, also after a reload (the page remembers that it copied it, with the chat in
     * session storage), and "Hide the code" holds across the reload too (a phone reloads a tab it put in the background
     * during a call), while the code itself is never stored: the server gives it back to the reloaded page. The browser
     * lets both origins use the clipboard, as a person who allowed it would.
     */
    @Test
    void aCopiedCodeLeavesTheClipboardWithQuickExitAndAHiddenCodeStaysHiddenAfterAReload() {
        Browser visitor = browser(390, 844);
        visitor.allowClipboard(base(), site.origin());
        visitor.get(base() + "/");
        visitor.startChatAndSay("Je note le code");
        endAfterwards(visitor);
        visitor.textAppears(By.id("code-hold"), "5 minutes"); // the page has the configured neutral site
        String code = visitor.visible(By.id("code")).getText();
        visitor.click(By.id("copy-code"));
        visitor.waiting().withMessage("the code in the clipboard")
                .until(driver -> code.equals(visitor.clipboardText()));
        visitor.click(By.id("hide-code"));
        assertFalse(visitor.find(By.id("code-box")).isDisplayed(), "hidden");
        assertNoCodeStored(visitor);

        visitor.driver().navigate().refresh();
        visitor.textAppears(By.cssSelector("#messages li.message.from-visitor[data-seq] .text"), "Je note le code");
        visitor.waiting().withMessage("the settings applied after the reload").until(driver -> String.valueOf(
                visitor.script("return document.getElementById('code-hold').textContent")).contains("5 minutes"));
        assertFalse(visitor.find(By.id("code-box")).isDisplayed(), "the code stays hidden after a reload");
        assertEquals(code, visitor.script("return document.getElementById('code').textContent"),
                "the page has the code again, from the server, hidden");
        assertNoCodeStored(visitor);
        assertEquals(code, visitor.clipboardText(), "still in the clipboard: nothing asked it away yet");

        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        String left = visitor.clipboardText();
        assertFalse(left.replaceAll("[^0-9A-Z]", "").contains(code.replaceAll("[^0-9A-Z]", "")),
                "the code is no longer in the clipboard: '" + left + "'");
    }

    /**
     * She copies the code, and the chat goes on elsewhere with it (her phone, a pasted code): the page that copied it
     * no longer holds the chat, and its Quick exit still takes the code off the clipboard.
     */
    @Test
    void aCopiedCodeLeavesTheClipboardWithQuickExitAfterTheChatMovedElsewhere() {
        Browser visitor = browser(390, 844);
        visitor.allowClipboard(base(), site.origin());
        visitor.get(base() + "/");
        visitor.startChatAndSay("Je continue ailleurs");
        String code = visitor.visible(By.id("code")).getText();
        visitor.click(By.id("copy-code"));
        visitor.waiting().withMessage("the code in the clipboard")
                .until(driver -> code.equals(visitor.clipboardText()));

        TestSocket elsewhere = helpline.socket(0, "/ws/visitor");
        elsewhere.send(new JsonObject().put("type", "resume").put("code", code));
        elsewhere.next("resumed");
        visitor.textAppears(By.id("status"), "This conversation continues in another window or browser.");

        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        String left = visitor.clipboardText();
        assertFalse(left.replaceAll("[^0-9A-Z]", "").contains(code.replaceAll("[^0-9A-Z]", "")),
                "the code is no longer in the clipboard: '" + left + "'");
        elsewhere.send(new JsonObject().put("type", "end"));
        elsewhere.next("ended");
    }

    /**
     * The browser writes session storage to its disk, where it outlives the tab and a Quick exit until its next start:
     * the page never stores the resume code there. A reload (a phone reloads a tab left in the background) shows the
     * code again all the same: the server gives it back with the chat.
     */
    @Test
    void theCodeIsNeverStoredYetShownAgainAfterAReload() {
        Browser visitor = chattingVisitor("Je recharge la page");
        endAfterwards(visitor);
        String code = visitor.visible(By.id("code")).getText();
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);
        assertNoCodeStored(visitor);

        visitor.driver().navigate().refresh();
        visitor.textAppears(By.cssSelector("#messages li.message.from-visitor[data-seq] .text"), "Je recharge la page");
        visitor.waiting().withMessage("the code shown again after the reload")
                .until(driver -> code.equals(visitor.find(By.id("code")).getText()));
        assertTrue(visitor.find(By.id("code-box")).isDisplayed());
        assertNoCodeStored(visitor);
    }

    /**
     * A chat, a reload (pull to refresh) on a network so slow that she taps Quick exit before its script ran: the link
     * leaves through /exit and session storage still holds the conversation. Whoever presses Back must get the start
     * form, no message, and nothing stored (this Chromium may show the page again from its back/forward cache, as the
     * reload left it, or load it anew: either way).
     */
    @Test
    void backAfterTheQuickExitLinkLeftAReloadedChatShowsTheStartFormAndKeepsNothing() {
        Browser visitor = chattingVisitor("Il lit par-dessus mon épaule");
        String conversation = conversationOf(visitor);
        endAfterwards(visitor);
        visitor.blockUrls("*/visitor/quick-exit.js");
        visitor.driver().navigate().refresh();
        visitor.visible(By.id("quick-exit"));
        assertEquals(Boolean.TRUE, visitor.script("return window.HelplineVisitor === undefined"), "the script ran");
        assertEquals(Boolean.TRUE, visitor.script("return sessionStorage.getItem('helpline.visitor') !== null"),
                "the chat is still stored");
        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        visitor.blockUrls(); // the scripts arrive again

        visitor.driver().navigate().back();
        visitor.waiting().until(driver -> driver.getCurrentUrl().equals(base() + "/"));
        visitor.visible(By.id("start-form"));
        assertFalse(visitor.find(By.id("chat")).isDisplayed(), "no conversation shown");
        assertEquals(0, visitor.driver().findElements(By.cssSelector("#messages li")).size(), "no message");
        assertFalse(visitor.driver().getPageSource().contains("mon épaule"), "nothing of the chat in the page");
        assertEquals(0L, visitor.script("return sessionStorage.length"), "nothing stored");
        TestSocket.sleep(Duration.ofSeconds(1)); // a resume the page would send
        assertNotNull(away(conversation), "the page did not resume the chat: the server never saw her come back");
    }

    /**
     * An error frame about none of her frames (no {@code ref}; here {@code bad_json}, answering a frame the test sends
     * on the page's socket) is nothing she did: no "Something went wrong. Please try again.". The same path as the
     * server's {@code heartbeat_missed}, which this test cannot provoke: the visitor socket's silence limit is a
     * constant (VisitorSocket.SILENCE_LIMIT, 120 s, checked every 30 s) and the page pings every 20 s.
     */
    @Test
    void anErrorAboutNoneOfHerFramesShowsNoNotice() {
        Browser visitor = chattingVisitor("Bonsoir", true);
        endAfterwards(visitor);
        visitor.script("window.testSockets.at(-1).send('not json')");
        // answered after the error, on the same socket: once it is shown stored, the error has been handled
        visitor.find(By.id("text")).sendKeys("Toujours là");
        visitor.click(By.id("send"));
        visitor.textAppears(By.cssSelector("#messages li.message.from-visitor[data-seq] .text"), "Toujours là");
        assertFalse(visitor.find(By.id("notice")).isDisplayed(), visitor.find(By.id("notice")).getText());
        assertFalse(visitor.find(LINE).getText().contains("went wrong"), visitor.find(LINE).getText());
    }

    /**
     * Her phone offline (the page's socket dropped, every new one failing) until the hold ends her chat: its
     * {@code ended} frame went to nobody. Once back, the page learns it from {@code resumed} ({@code endedBy}) and says
     * she was away too long, not only that the chat ended. The hold's deadline is made due at once rather than waiting
     * the 5 minutes this class configures.
     */
    @Test
    void aChatEndedByTheHoldWhileThePageWasOfflineSaysSheWasAwayTooLongOnceBack() {
        Browser visitor = chattingVisitor("Je dois couper", true);
        String conversation = conversationOf(visitor);
        visitor.offline(true);
        visitor.dropLastWebSocket();
        visitor.visible(By.id("connection"));
        String hold = "hold|" + conversation;
        Waits.until(() -> helpline.inRedis(redis -> redis.zscore("hl:deadlines", hold)) != null, 10,
                "the hold begun");
        helpline.inRedis(redis -> redis.zadd("hl:deadlines", 1.0, hold)); // due now, as once the hold has passed
        Waits.until(() -> "ended".equals(helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}",
                "status"))), 10, "the end of the hold");
        assertEquals("timeout", helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "endedBy")));

        visitor.offline(false);
        visitor.script("window.dispatchEvent(new Event('online'))"); // connect now, not after the backoff
        visitor.textAppears(LINE, "you were away too long");
        visitor.textAppears(By.id("status"), "because you were away for too long");
        assertFalse(visitor.find(By.id("text")).isEnabled(), "nothing more can be sent");
    }

    @Test
    void theCodeContinuesTheChatInAnotherBrowserAndTheCounsellorSeesTheVisitorComeBack() {
        Browser counsellor = availableCounsellor("code.amina");

        Browser first = chattingVisitor("Je dois partir vite");
        WebElement chat = counsellor.visible(By.cssSelector("section.chat[data-conversation]"));
        counsellor.textAppears(By.cssSelector("section.chat li.message.from-visitor .text"), "Je dois partir vite");
        chat.findElement(By.cssSelector("textarea.text")).sendKeys("Revenez quand vous pouvez.");
        chat.findElement(By.cssSelector("button.send")).click();
        first.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "Revenez quand vous pouvez.");
        String code = first.visible(By.id("code")).getText();
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);

        first.click(By.id("quick-exit"));
        counsellor.textAppears(By.cssSelector("section.chat li.presence.away"), "quick exit");

        Browser second = browser(390, 844);
        second.get(base() + "/");
        second.click(By.cssSelector("#continue summary"));
        second.visible(By.id("resume-code")).sendKeys(code.toLowerCase().replace("-", " "));
        second.click(By.id("resume"));
        second.textAppears(By.cssSelector("#messages li.message.from-visitor .text"), "Je dois partir vite");
        second.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "Revenez quand vous pouvez.");
        assertEquals(code, second.visible(By.id("code")).getText(), "the code stays shown in the new browser");
        counsellor.textAppears(By.cssSelector("section.chat li.presence.back"), "The visitor is back");

        second.find(By.id("text")).sendKeys("Je suis revenue");
        second.click(By.id("send"));
        counsellor.textAppears(By.cssSelector("section.chat li.message.from-visitor .text"), "Je suis revenue");
        assertEquals(2, second.driver().findElements(By.cssSelector("#messages li.message.from-visitor")).size());
    }

    @Test
    void aCodeAnsweredUnavailableWhileRedisIsSlowIsSentAgainAndContinuesTheChat() {
        Browser first = chattingVisitor("Je reviens plus tard");
        String code = first.visible(By.id("code")).getText();
        first.click(By.id("quick-exit"));

        Browser second = browser(390, 844);
        second.get(base() + "/");
        second.click(By.cssSelector("#continue summary"));
        second.visible(By.id("resume-code")).sendKeys(code);
        helpline.inRedis(redis -> redis.clientPause(3_000)); // longer than the 2 s command timeout
        second.click(By.id("resume"));
        second.textAppears(By.id("notice"), "The service had a short problem. Trying again");
        second.textAppears(By.cssSelector("#messages li.message.from-visitor .text"), "Je reviens plus tard");
        endAfterwards(second);
    }

    @Test
    void endingAsksFirstAndTheDangerButtonLeavesTheHeaderWhenTheChatGoesBackToTheForm() {
        Browser visitor = browser(360, 740);
        visitor.get(base() + "/");
        visitor.visible(By.id("start"));
        assertFalse(visitor.find(By.id("in-danger-now")).isDisplayed(), "no danger button before a chat");
        visitor.startChatAndSay("Je dois partir");
        visitor.visible(By.id("in-danger-now"));
        // "End" asks first: a tap meant for Send, moved by a line that appeared above it, does not end the chat
        visitor.askToEnd();
        assertEquals("end-no", visitor.script("return document.activeElement.id"), "it opens on 'Keep talking'");
        visitor.click(By.id("end-no"));
        assertFalse(visitor.find(By.id("end-dialog")).isDisplayed());
        assertTrue(visitor.find(By.id("text")).isEnabled(), "the chat goes on");
        visitor.endChat();
        visitor.click(By.id("new-chat"));
        visitor.visible(By.id("start"));
        assertFalse(visitor.find(By.id("in-danger-now")).isDisplayed(), "the danger button left with the chat");
    }

    /** Headless Chromium has no pointing device (pointer: none), as a keyboard-only computer: the hint shows. */
    @Test
    void theShiftHintShowsOnALaptopButNotOnATouchPhone() {
        Browser laptop = browser(1280, 800);
        laptop.get(base() + "/");
        laptop.visible(By.id("start"));
        assertEquals(Boolean.TRUE, laptop.script("const box = document.querySelector('.exit-hint')"
                + ".getBoundingClientRect(); return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight;"),
                "the Shift hint is in view on a laptop");

        Browser phone = browser(360, 740);
        phone.emulateTouchScreen();
        phone.get(base() + "/");
        phone.visible(By.id("start"));
        assertEquals(Boolean.TRUE, phone.script("return matchMedia('(pointer: coarse)').matches"), "a touch screen");
        assertFalse(phone.find(By.cssSelector(".exit-hint")).isDisplayed(), "no Shift hint without a keyboard");
        assertTrue(phone.find(By.id("quick-exit")).isDisplayed());
    }

    @Test
    void deletingNowAsksFirstThenLeavesANeutralPageAndTheCounsellorSeesNoText() {
        Browser counsellor = availableCounsellor("forget.amina");
        Browser visitor = chattingVisitor("Personne ne doit savoir");
        counsellor.textAppears(By.cssSelector("section.chat li.message.from-visitor .text"), "Personne ne doit savoir");
        String conversation = conversationOf(visitor);

        visitor.click(By.id("forget"));
        visitor.visible(By.id("forget-dialog"));
        assertEquals(Boolean.TRUE, visitor.script("const box = document.getElementById('quick-exit')"
                + ".getBoundingClientRect(); const top = document.elementFromPoint(box.x + box.width / 2, "
                + "box.y + box.height / 2); return top !== null && top.closest('#quick-exit') !== null;"),
                "quick exit stays on top and can be tapped while the confirmation is open");
        visitor.click(By.id("forget-no"));
        assertFalse(visitor.find(By.id("forget-dialog")).isDisplayed());
        visitor.textAppears(By.cssSelector("#messages .text"), "Personne ne doit savoir");
        deleteNow(visitor);
        assertEquals(0, visitor.driver().findElements(By.cssSelector("#messages li")).size());
        assertEquals(0L, visitor.script("return sessionStorage.length"));

        counsellor.textAppears(By.cssSelector("section.chat li.presence.erased"), "deleted this conversation");
        assertFalse(counsellor.driver().getPageSource().contains("Personne ne doit savoir"),
                "the console no longer shows the erased text");
        assertEquals("1", helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "erased")));
    }

    @Test
    void afterTheEndAConnectionThatDropsAndComesBackStillLetsHerDeleteIt() {
        Browser visitor = chattingVisitor("Il ne doit pas lire ceci", true);
        String conversation = conversationOf(visitor);
        visitor.endChat();
        visitor.textAppears(By.id("status"), "You ended the conversation.");
        assertEquals(0L, visitor.script("return sessionStorage.length"), "nothing kept for a reload");

        visitor.dropLastWebSocketAndReconnect();
        deleteNow(visitor);
        assertEquals("1", helpline.inRedis(redis -> redis.hget("hl:conv:{" + conversation + "}", "erased")));
    }

    @Test
    void aDeletedChatStaysDeletedWhenTheConnectionDropsAndComesBack() {
        Browser visitor = chattingVisitor("Effacez tout", true);
        deleteNow(visitor);

        visitor.dropLastWebSocketAndReconnect();
        TestSocket.sleep(Duration.ofSeconds(1)); // what the page does once connected again
        String status = visitor.find(By.id("status")).getText();
        assertTrue(status.startsWith("Your conversation was deleted."), status);
        assertFalse(visitor.find(By.id("start-form")).isDisplayed(), "not sent back to the form as 'not found'");
        assertTrue(visitor.find(By.id("new-chat")).isDisplayed(), "a new conversation is one press away");
    }

    @Test
    void aFullConversationSaysSoUntilItEndsAndLeadsToTheNumbersToCall() {
        Browser visitor = chattingVisitor("Bonjour");
        String conversation = conversationOf(visitor);
        int full = helpline.config().limits().messagesPerConversation();
        helpline.inRedis(redis -> redis.hset("hl:conv:{" + conversation + "}", "visitorMessages",
                String.valueOf(full))); // as after that many messages
        visitor.find(By.id("text")).sendKeys("Encore une chose");
        visitor.click(By.id("send"));
        visitor.textAppears(By.cssSelector("#messages li.message.failed .meta"), "Not sent");
        visitor.textAppears(LINE, "cannot take more messages");
        visitor.click(By.cssSelector("#chat-line a[href='#emergency']"));
        assertEquals("emergency", visitor.script("return document.activeElement.id"), "the numbers to call");

        visitor.click(By.id("lang"));
        visitor.textAppears(By.cssSelector("#messages li.message.failed .meta"), "Non envoyé");
        visitor.textAppears(By.cssSelector("#messages li.message.from-visitor .who"), "Vous");
        visitor.textAppears(LINE, "ne peut plus recevoir de messages");
        visitor.endChat();
        visitor.textAppears(LINE, "Vous avez terminé la conversation");
    }

    @Test
    void aDeleteAskedOfflineOfAChatErasedMeanwhileIsShownDoneAndTheNextChatIsKept() {
        Browser visitor = chattingVisitor("Je reviendrai", true);
        String conversation = conversationOf(visitor);
        String secret = (String) visitor.script(
                "return JSON.parse(sessionStorage.getItem('helpline.visitor')).resumeSecret");
        visitor.offline(true);
        visitor.dropLastWebSocket();
        visitor.visible(By.id("connection"));
        visitor.click(By.id("forget"));
        visitor.click(By.id("forget-yes"));

        // erased meanwhile (her delete went out, then the connection dropped before the answer): the page learns it
        // from the resume's not_found once connected again
        TestSocket other = helpline.socket(0, "/ws/visitor");
        other.send(new JsonObject().put("type", "resume").put("conversation", conversation)
                .put("resumeSecret", secret));
        other.next("resumed");
        other.send(new JsonObject().put("type", "forget"));
        other.take(f -> "ended".equals(f.getString("type")) && f.getBoolean("erased", false), "erased");
        visitor.offline(false);
        visitor.textAppears(By.id("status"), "Your conversation was deleted.");
        assertFalse(visitor.find(By.id("start-form")).isDisplayed(), "what she asked for is done, not 'not found'");

        visitor.click(By.id("new-chat"));
        visitor.visible(By.id("start"));
        visitor.startChatAndSay("Une autre conversation");
        String next = conversationOf(visitor);
        TestSocket.sleep(Duration.ofSeconds(1)); // what the page would still send for the chat before
        assertNull(helpline.inRedis(redis -> redis.hget("hl:conv:{" + next + "}", "erased")),
                "the new chat is not erased by the delete of the one before");
        assertTrue(visitor.find(By.id("end")).isDisplayed(), "it goes on");
    }

    @Test
    void theWidgetOnAPartnersPageOpensTheChatAndQuickExitReplacesThePartnersPage() {
        Browser host = browser(1280, 900);
        host.get(site.origin() + "/start.html");
        host.get(site.origin() + "/partner.html");
        WebElement launcher = host.visible(By.cssSelector("[data-helpline-launcher]"));
        assertEquals("false", launcher.getAttribute("aria-expanded"));
        launcher.click();
        assertEquals("true", launcher.getAttribute("aria-expanded"));
        WebElement frame = host.visible(By.cssSelector("#helpline-chat-panel iframe"));
        assertTrue(frame.getAttribute("src").startsWith(base()), "the chat is served from the helpline's origin");
        host.driver().switchTo().frame(frame);
        host.startChatAndSay("Bonjour depuis le site partenaire");
        String conversation = conversationOf(host);
        endAfterwards(host);
        host.clickLeavingTheFrame(By.id("quick-exit"));
        host.driver().switchTo().defaultContent();
        host.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
        Waits.until(() -> "quick_exit".equals(away(conversation)), 10, "the server told of the quick exit");
        host.driver().navigate().back();
        host.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/start.html"));
        assertEquals(0L, host.script("return sessionStorage.length + localStorage.length"),
                "the widget stores nothing on the partner's site");
        assertTrue(host.driver().manage().getCookies().isEmpty());
    }

    /**
     * The partner's page shown again by Back, loaded again from the history (a browser that keeps no page in its
     * back/forward cache; so does a tab reopened once closed), makes a new frame: it must not bring back the chat she
     * left, as the visitor's own page does not.
     */
    @Test
    void thePartnersPageShownAgainByBackDoesNotBringTheChatBack() {
        Browser host = Browser.openWithoutBackForwardCache(1280, 900);
        browsers.add(host);
        host.get(site.origin() + "/partner.html");
        host.click(By.cssSelector("[data-helpline-launcher]"));
        host.driver().switchTo().frame(host.visible(By.cssSelector("#helpline-chat-panel iframe")));
        host.startChatAndSay("Je reviens plus tard");
        endAfterwards(host);
        host.driver().switchTo().defaultContent();
        host.get(site.origin() + "/start.html");
        host.driver().navigate().back();
        host.click(By.cssSelector("[data-helpline-launcher]"));
        host.driver().switchTo().frame(host.visible(By.cssSelector("#helpline-chat-panel iframe")));
        host.visible(By.id("start"));
        assertFalse(host.find(By.id("chat")).isDisplayed(), "no chat shown");
        assertEquals(0L, host.script("return sessionStorage.length"), "and none kept");
    }

    @Test
    void shiftThreeTimesOnThePartnersPageLeavesOnceTheChatWasOpened() {
        Browser host = browser(390, 844);
        host.get(site.origin() + "/partner.html");
        host.click(By.cssSelector("[data-helpline-launcher]"));
        WebElement frame = host.visible(By.cssSelector("#helpline-chat-panel iframe"));
        assertEquals(((Number) host.script("return innerWidth")).intValue(),
                host.find(By.id("helpline-chat-panel")).getSize().getWidth(), "full screen on a phone");
        host.driver().switchTo().frame(frame);
        host.startChatAndSay("Je suis sur mon téléphone");
        endAfterwards(host);
        host.textAppears(By.id("code-hold"), "5 minutes"); // the widget has the configured neutral site by now
        host.driver().switchTo().defaultContent();
        host.click(By.cssSelector("#helpline-chat-panel button"));
        assertFalse(host.find(By.id("helpline-chat-panel")).isDisplayed(), "the chat panel hidden");
        host.find(By.id("partner")).click();
        new Actions(host.driver()).keyDown(Keys.SHIFT).keyUp(Keys.SHIFT).keyDown(Keys.SHIFT).keyUp(Keys.SHIFT)
                .keyDown(Keys.SHIFT).keyUp(Keys.SHIFT).perform();
        host.waiting().until(driver -> driver.getCurrentUrl().equals(site.origin() + "/weather.html"));
    }

    /** The partner's site and the neutral site, on 127.0.0.1: another origin than the helpline on localhost. */
    static final class NeutralSite implements AutoCloseable {
        /** A line's site on a slow network, so slow that it never answers. */
        static final String UNANSWERED_LINE = "/unanswered-line.html";

        private final Vertx vertx;
        private final HttpServer server;
        private final AtomicInteger unansweredLineAsked;

        private NeutralSite(Vertx vertx, HttpServer server, AtomicInteger unansweredLineAsked) {
            this.vertx = vertx;
            this.server = server;
            this.unansweredLineAsked = unansweredLineAsked;
        }

        static NeutralSite start() {
            Vertx vertx = Vertx.vertx();
            IntSupplier helplinePort = () -> helpline.port(0);
            AtomicInteger unansweredAsked = new AtomicInteger();
            HttpServer server = Waits.await(vertx.createHttpServer().requestHandler(request -> {
                if (request.path().equals(UNANSWERED_LINE)) {
                    unansweredAsked.incrementAndGet();
                    return;
                }
                String body = switch (request.path()) {
                    case "/start.html" -> page("A page read before", "<p>Recipes of the day.</p>");
                    case "/weather.html" -> page("Weather", "<p>Sunny spells, 18 degrees.</p>");
                    case "/partner.html" -> page("Partner association", "<p>We support victims of violence.</p>"
                            + "<script src=\"http://localhost:" + helplinePort.getAsInt()
                            + "/widget.js\" data-lang=\"en\" async></script>");
                    default -> null;
                };
                request.response().setStatusCode(body == null ? 404 : 200)
                        .putHeader("Content-Type", "text/html; charset=utf-8").end(body == null ? "" : body);
            }).listen(0, "127.0.0.1"));
            return new NeutralSite(vertx, server, unansweredAsked);
        }

        /** How many times a tab asked for the {@link #UNANSWERED_LINE}. */
        int unansweredLineAsked() {
            return unansweredLineAsked.get();
        }

        private static String page(String title, String content) {
            return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                    + "<body><h1 id=\"partner\">" + title + "</h1>" + content + "</body></html>";
        }

        String origin() {
            return "http://127.0.0.1:" + server.actualPort();
        }

        @Override
        public void close() {
            Waits.await(vertx.close(), 10);
        }
    }
}
