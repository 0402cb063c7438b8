package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver): a visitor and a counsellor chat both
 * ways through the served pages; the visitor's page keeps nothing outside session storage; quick exit leaves.
 */
class BrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("browser.amina", 2)));

    private static WebDriver browser;
    private static String visitorTab;
    private static String consoleTab;

    @BeforeAll
    static void start() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=390,844", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        visitorTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        consoleTab = browser.getWindowHandle();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private static WebElement visible(By locator) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void textAppears(By locator, String text) {
        waiting().until(driver -> driver.findElements(locator).stream()
                .anyMatch(element -> element.getText().contains(text)));
    }

    @Test
    void aVisitorAndACounsellorChatThroughThePages() {
        browser.switchTo().window(visitorTab);
        browser.get(base() + "/");
        assertTrue(browser.findElement(By.id("quick-exit")).isDisplayed(), "quick exit shown before anything");
        assertTrue(browser.getPageSource().contains("3919"), "emergency numbers on the page");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("role"))).selectByValue("victim");
        browser.findElement(By.id("start")).click();
        visible(By.id("chat"));
        browser.findElement(By.id("text")).sendKeys("Bonjour, j'ai peur de rentrer ce soir");
        browser.findElement(By.id("send")).click();
        textAppears(By.cssSelector("#messages li.message.from-visitor[data-seq] .text"),
                "Bonjour, j'ai peur de rentrer ce soir");

        browser.switchTo().window(consoleTab);
        browser.get(base() + "/console/");
        browser.findElement(By.id("counsellor-id")).sendKeys("browser.amina");
        browser.findElement(By.id("password")).sendKeys(TestConfig.PASSWORD);
        browser.findElement(By.id("login")).click();
        visible(By.id("workspace"));
        browser.findElement(By.id("go-available")).click();
        textAppears(By.id("current-status"), "available");
        WebElement chat = visible(By.cssSelector("section.chat[data-conversation]"));
        textAppears(By.cssSelector("section.chat li.message.from-visitor .text"),
                "Bonjour, j'ai peur de rentrer ce soir");
        chat.findElement(By.cssSelector("textarea.text")).sendKeys("Bonjour, je m'appelle Amina. Vous êtes en "
                + "sécurité là où vous êtes ?");
        chat.findElement(By.cssSelector("button.send")).click();

        browser.switchTo().window(visitorTab);
        textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "je m'appelle Amina");
        textAppears(By.id("status"), "Counsellor browser.amina");
        List<WebElement> visitorMessages = browser.findElements(By.cssSelector("#messages li.message"));
        assertEquals(2, visitorMessages.size(), "each message shown once");

        JavascriptExecutor script = (JavascriptExecutor) browser;
        assertTrue(browser.manage().getCookies().isEmpty(), "no cookie");
        assertEquals(0L, script.executeScript("return window.localStorage.length"), "nothing in local storage");
        assertTrue(((String) script.executeScript("return JSON.stringify(Object.keys(window.sessionStorage))"))
                .length() > 2, "the resume secret lives in session storage");

        browser.navigate().refresh();
        textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "je m'appelle Amina");
        textAppears(By.cssSelector("#messages li.message.from-visitor .text"), "j'ai peur de rentrer");
        assertEquals(2, browser.findElements(By.cssSelector("#messages li.message")).size(),
                "a reload resumes the same conversation without doubling anything");

        browser.switchTo().window(consoleTab);
        browser.findElement(By.cssSelector("section.chat textarea.text")).sendKeys("Je reste avec vous.");
        browser.findElement(By.cssSelector("section.chat button.send")).click();
        browser.switchTo().window(visitorTab);
        textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "Je reste avec vous.");

        browser.findElement(By.id("quick-exit")).click();
        waiting().until(driver -> !driver.getCurrentUrl().startsWith(base()));
        assertFalse(browser.getCurrentUrl().startsWith(base()), "quick exit left the helpline");
    }
}
