package org.helpline.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real headless Chromium (Debian's {@code chromium} driven by {@code chromium-driver}) with its own profile: two
 * {@code Browser}s open at once are two separate browser contexts (no shared cookies, storage or cache). Phone-sized
 * window by default. Closed, it is kept for the next test of this JVM that opens one launched the same way, once it
 * holds a single fresh tab, its cache, cookies and permissions cleared and its logs read ({@link IdleBrowsers}); one
 * that cannot be made so is quit.
 */
public final class Browser implements AutoCloseable {
    /** The visitor's own messages that the page shows as stored. */
    private static final By STORED_OWN_MESSAGE =
            By.cssSelector("#messages li.message.from-visitor[data-seq] .text");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);

    private final WebDriver driver;
    private final Path profile;
    /** How it was launched: which idle browsers may stand for it. */
    private final String launch;
    private final boolean recordNetwork;
    private boolean closed;

    private Browser(IdleBrowsers.Idle browser, String launch, boolean recordNetwork) {
        this.driver = browser.driver();
        this.profile = browser.profile();
        this.launch = launch;
        this.recordNetwork = recordNetwork;
    }

    /** A phone-sized browser (390 x 844). */
    public static Browser open() {
        return open(390, 844);
    }

    public static Browser open(int width, int height) {
        return open(width, height, false);
    }

    /**
     * A browser that keeps no page in its back/forward cache, as one that cannot keep a page (its memory, the page's
     * own state): Back loads the page again, from the history.
     */
    public static Browser openWithoutBackForwardCache(int width, int height) {
        return open(width, height, false, "--disable-back-forward-cache");
    }

    /**
     * A phone-sized browser whose driver records the browser's own network log (every request, WebSocket and the
     * bytes each took on the wire): see {@link #networkLog()}.
     */
    public static Browser openRecordingNetwork() {
        return openRecordingNetwork(390, 844);
    }

    /** A browser of this size whose driver records the browser's own network log: see {@link #networkLog()}. */
    public static Browser openRecordingNetwork(int width, int height) {
        return open(width, height, true);
    }

    private static Browser open(int width, int height, boolean recordNetwork, String... moreArguments) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        String launch = width + "x" + height + (recordNetwork ? " network " : " ") + String.join(" ", moreArguments);
        Optional<IdleBrowsers.Idle> idle = IdleBrowsers.take(launch);
        if (idle.isPresent()) {
            return new Browser(idle.get(), launch, recordNetwork);
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                    "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--autoplay-policy=no-user-gesture-required",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile).addArguments(moreArguments);
            options.setCapability("goog:loggingPrefs", recordNetwork
                    ? Map.of("performance", "ALL", "browser", "ALL") : Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Browser(new IdleBrowsers.Idle(new ChromeDriver(service, options), profile), launch,
                    recordNetwork);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a browser profile directory", e);
        }
    }

    /**
     * The page's viewport exactly this size (the window size given at start includes the browser's own bars), as a
     * screen of that size shows it.
     */
    public void viewport(int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * From the next page load on, the page reads these as the browser's preferred languages
     * ({@code navigator.languages}, {@code navigator.language} the first), as a browser set up that way tells it.
     */
    public void preferLanguages(List<String> tags) {
        String list = new JsonArray(tags).encode();
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "Object.defineProperty(navigator, 'languages', { get: () => " + list + " });"
                        + "Object.defineProperty(navigator, 'language', { get: () => " + list + "[0] });"));
    }

    /**
     * From the next page load on, every WebSocket the page opens is kept where {@link #dropLastWebSocket} finds it
     * (a script run before the page's own), goes nowhere while {@link #offline} says so, and gives the page a
     * {@code welcome} with the frame limit {@link #frameLimitInWelcome} says.
     */
    public void keepWebSockets() {
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.testSockets = []; window.testOffline = false; window.testFrameLimit = 0;"
                        + " const Native = window.WebSocket;"
                        + " const handler = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage');"
                        + " const limited = (e) => { const f = JSON.parse(e.data); if (f.type !== 'welcome') return e;"
                        + "   f.maxFrameBytes = window.testFrameLimit;"
                        + "   return new MessageEvent('message', { data: JSON.stringify(f) }); };"
                        + " window.WebSocket = class extends Native { constructor(url, ...rest) {"
                        + " super(window.testOffline ? 'ws://127.0.0.1:9/' : url, ...rest);"
                        + " window.testSockets.push(this); }"
                        + " get onmessage() { return handler.get.call(this); }"
                        + " set onmessage(page) { handler.set.call(this, page && ((e) =>"
                        + "   page.call(this, window.testFrameLimit ? limited(e) : e))); } };"));
    }

    /**
     * From now on the console's {@code welcome} says the server takes frames of at most {@code bytes}, as a node
     * configured with that limit would (see {@link #keepWebSockets}).
     */
    public void frameLimitInWelcome(int bytes) {
        script("window.testFrameLimit = arguments[0]", bytes);
    }

    /** While {@code offline}, the WebSockets the page opens fail to connect (see {@link #keepWebSockets}). */
    public void offline(boolean offline) {
        script("window.testOffline = arguments[0]", offline);
    }

    /** Closes the page's latest WebSocket, as a dropped connection would (see {@link #keepWebSockets}). */
    public void dropLastWebSocket() {
        script("window.testSockets.at(-1).close()");
    }

    /** The same, then waits until the page has opened its next WebSocket. */
    public void dropLastWebSocketAndReconnect() {
        long opened = ((Number) script("return window.testSockets.length")).longValue();
        dropLastWebSocket();
        waiting().until(driver -> Long.valueOf(1).equals(script(
                "return window.testSockets.length > arguments[0] ? window.testSockets.at(-1).readyState : 0",
                opened)));
    }

    /**
     * The page's latest WebSocket drops, as a lost connection would, the moment a frame of one of these {@code types}
     * comes to it: that frame and every later one never reach the page, although the server sent them (what the
     * server answered is done there; only its answer is lost). The page reconnects by itself (see
     * {@link #keepWebSockets}, and {@link #offline} to keep it away).
     */
    public void dropLastWebSocketAtFrame(String... types) {
        script("const s = window.testSockets.at(-1); const types = arguments[0]; const page = s.onmessage;"
                + " let lost = false;"
                + " s.onmessage = (e) => {"
                + "   if (lost || types.includes(JSON.parse(e.data).type)) { lost = true; s.close(); return; }"
                + "   page.call(s, e); };", List.of(types));
    }

    /** From now on the browser fails every request whose URL matches one of these patterns ({@code *} any text). */
    public void blockUrls(String... patterns) {
        ((ChromeDriver) driver).executeCdpCommand("Network.enable", Map.of());
        ((ChromeDriver) driver).executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /**
     * Lets pages of these origins ({@code http://host:port}) read and write the clipboard without asking, as a person
     * who allowed it would (Chromium asks before a page reads it): see {@link #clipboardText}.
     */
    public void allowClipboard(String... origins) {
        for (String origin : origins) {
            ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                    "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        }
    }

    /** The clipboard's text, read by the page shown now (its origin allowed: {@link #allowClipboard}). */
    public String clipboardText() {
        return (String) script("return navigator.clipboard.readText()");
    }

    /** From the next page load on, a touch screen with no mouse, as on a phone: pointer coarse, no hover. */
    public void emulateTouchScreen() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setTouchEmulationEnabled",
                Map.of("enabled", true, "maxTouchPoints", 5));
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String url) {
        driver.get(url);
    }

    /** Waits for a condition, checking it every 50 ms (WebDriver's default is every 500 ms) for up to 15 s. */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT, POLL);
    }

    public WebElement visible(By locator) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public WebElement find(By locator) {
        return driver.findElement(locator);
    }

    public void click(By locator) {
        waiting().until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    /**
     * Clicks, inside a frame, something that takes the whole page away (a quick exit in the partner's widget). The
     * frame the driver is in can go before the click command returns, and Chromium then answers "target frame
     * detached": the click was made, and what the test looks at next is where the page went.
     */
    public void clickLeavingTheFrame(By locator) {
        WebElement element = waiting().until(ExpectedConditions.elementToBeClickable(locator));
        try {
            element.click();
        } catch (WebDriverException e) {
            if (e.getMessage() == null || !e.getMessage().contains("target frame detached")) {
                throw e;
            }
        }
    }

    /**
     * Chooses the option of a {@code <select>} by its value, once the option is there (the visitor page adds its role
     * and topic options when the settings it fetches arrive).
     */
    public void choose(By select, String value) {
        By option = By.cssSelector("option[value='" + value + "']");
        WebElement element = waiting().until(d -> {
            WebElement found = d.findElement(select);
            return found.findElements(option).isEmpty() ? null : found;
        });
        new Select(element).selectByValue(value);
    }

    /** Waits until some element matching {@code locator} has {@code text} in its visible text. */
    /** Waits for {@code text} in an element found by {@code locator}; a timeout says what those elements showed. */
    public void textAppears(By locator, String text) {
        waiting().withMessage(() -> "'" + text + "' in " + locator + "; shown instead: "
                        + driver.findElements(locator).stream().map(WebElement::getText).toList())
                .until(d -> d.findElements(locator).stream().anyMatch(element -> element.getText().contains(text)));
    }

    public Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(source, arguments);
    }

    /**
     * Whether the element lies wholly inside the viewport and is what a tap at its centre reaches (nothing covers it):
     * what a person actually sees, not only what is in the DOM.
     */
    public boolean inView(WebElement element) {
        return Boolean.TRUE.equals(script("const r = arguments[0].getBoundingClientRect();"
                + "if (r.width === 0 || r.height === 0) return false;"
                + "if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;"
                + "const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                + "return top !== null && (top === arguments[0] || arguments[0].contains(top));", element));
    }

    /**
     * On the visitor page with its start form filled: starts the chat and says {@code text}, then waits until the page
     * shows it stored (with its sequence number). Send is pressed again while the text is still in the box: the chat
     * line above the box grows when the first queue frame comes and can move Send between the driver's look at the
     * button and its press (a submit empties the box at once and an empty box sends nothing, so nothing is sent twice).
     */
    public void startChatAndSay(String text) {
        click(By.id("start"));
        visible(By.id("chat"));
        WebElement box = find(By.id("text"));
        box.sendKeys(text);
        waiting().withMessage(() -> "the page took the message; box: '" + box.getAttribute("value") + "'")
                .until(ignored -> {
                    if (box.getAttribute("value").isEmpty()) {
                        return true;
                    }
                    click(By.id("send"));
                    return box.getAttribute("value").isEmpty();
                });
        waiting().withMessage(() -> "'" + text + "' shown as stored; the page showed: " + script(
                        "return [...document.querySelectorAll('#messages li')].map(li => li.className + ' seq='"
                                + " + li.getAttribute('data-seq') + ' ' + li.textContent).join(' | ') + ' / status: '"
                                + " + document.getElementById('status').textContent + ' / notice: '"
                                + " + document.getElementById('notice').textContent"))
                .until(driver -> driver.findElements(STORED_OWN_MESSAGE).stream()
                        .anyMatch(element -> element.getText().contains(text)));
    }

    /** On the visitor page in a chat: "End the conversation", then "End it" in the question it asks. */
    public void endChat() {
        askToEnd();
        click(By.id("end-yes"));
    }

    /**
     * On the visitor page in a chat: presses "End the conversation" until its question shows. As for Send (see
     * {@link #startChatAndSay}), a line growing above it can move the button between the driver's look and its press;
     * a press that missed leaves no question, so End is pressed again (never once the question is up).
     */
    public void askToEnd() {
        By dialog = By.id("end-dialog");
        waiting().withMessage("the question 'End the conversation?'").until(driver -> {
            if (!find(dialog).isDisplayed()) {
                click(By.id("end"));
            }
            return find(dialog).isDisplayed();
        });
    }

    /**
     * The console at {@code consoleUrl}, its WebSockets kept ({@link #keepWebSockets}), logged in as
     * {@code counsellorId}, set available, and showing the chat {@code conversation} (routed to her): its section.
     */
    public By consoleHolding(String consoleUrl, String counsellorId, String conversation) {
        keepWebSockets();
        get(consoleUrl);
        logIn(counsellorId, TestConfig.PASSWORD);
        goAvailable();
        By chat = By.cssSelector("section.chat[data-conversation='" + conversation + "']");
        visible(chat);
        return chat;
    }

    /**
     * On a console just logged in: once its socket's {@code welcome} has come (the status shown), presses Available and
     * waits until the server took it. A press before the welcome is not done (the console says so), which a test on a
     * busy machine would otherwise meet.
     */
    public void goAvailable() {
        waiting().withMessage("the console's welcome").until(driver -> !driver.findElement(By.id("current-status"))
                .getText().isEmpty());
        click(By.id("go-available"));
        textAppears(By.id("current-status"), "available");
    }

    /** Logs a counsellor (or supervisor) in on the console or supervisor page already loaded. */
    public void logIn(String counsellorId, String password) {
        visible(By.id("counsellor-id")).sendKeys(counsellorId);
        find(By.id("password")).sendKeys(password);
        find(By.id("login")).click();
    }

    /** The browser's network events since the last call (DevTools {@code Network.*} messages as JSON objects). */
    public List<JsonObject> networkLog() {
        return driver.manage().logs().get("performance").getAll().stream()
                .map(entry -> new JsonObject(entry.getMessage()).getJsonObject("message"))
                .filter(message -> message.getString("method", "").startsWith("Network."))
                .toList();
    }

    /** What the page printed on the browser console since the last call (console.log, warn, error...), as text. */
    public List<String> consoleLog() {
        return driver.manage().logs().get("browser").getAll().stream().map(LogEntry::getMessage).toList();
    }

    /**
     * Keeps the browser for the next test that opens one launched the same way, with a single fresh tab and nothing of
     * this test left in it; or, when it cannot be made so (its tab closed by the page, a dialog open), quits it and
     * deletes its profile directory.
     */
    @Override
    public void close() {
        if (closed) { // kept or quit already: never kept twice
            return;
        }
        closed = true;
        IdleBrowsers.Idle browser = new IdleBrowsers.Idle(driver, profile);
        if (freshAgain()) {
            IdleBrowsers.keep(launch, browser);
        } else {
            IdleBrowsers.quit(browser);
        }
    }

    /**
     * One new tab instead of every tab of the test (sessionStorage, the scripts and emulation set on a tab, the
     * network blocks go with theirs), the cache, cookies and permissions cleared, the logs read: true once done.
     */
    private boolean freshAgain() {
        try {
            Set<String> tabs = driver.getWindowHandles();
            if (tabs.isEmpty()) {
                return false;
            }
            driver.switchTo().window(tabs.iterator().next());
            String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            for (String tab : tabs) {
                driver.switchTo().window(tab).close();
            }
            driver.switchTo().window(fresh);
            ChromeDriver chrome = (ChromeDriver) driver;
            chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
            chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            chrome.executeCdpCommand("Browser.resetPermissions", Map.of());
            driver.manage().logs().get("browser");
            if (recordNetwork) {
                driver.manage().logs().get("performance");
            }
            return driver.getWindowHandles().size() == 1;
        } catch (WebDriverException unusable) {
            return false;
        }
    }
}
