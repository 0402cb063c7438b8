package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages in a real headless Chromium: a visitor and a counsellor, each in their own browser, chat both ways
 * through the served pages; the visitor's page keeps nothing outside session storage; a reload resumes; quick exit
 * leaves.
 */
class BrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("browser.amina", 2)));

    private static Browser visitor;
    private static Browser counsellor;

    @BeforeAll
    static void start() {
        visitor = Browser.open();
        counsellor = Browser.open(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (visitor != null) {
            visitor.close();
        }
        if (counsellor != null) {
            counsellor.close();
        }
    }

    private static String base() {
        return "http://localhost:" + helpline.port(0);
    }

    @Test
    void aVisitorAndACounsellorChatThroughThePagesInTwoBrowserContexts() {
        visitor.get(base() + "/");
        assertTrue(visitor.find(By.id("quick-exit")).isDisplayed(), "quick exit shown before anything");
        assertTrue(visitor.driver().getPageSource().contains("3919"), "emergency numbers on the page");
        visitor.choose(By.id("role"), "victim");
        visitor.startChatAndSay("Bonjour, j'ai peur de rentrer ce soir");

        counsellor.get(base() + "/console/");
        counsellor.logIn("browser.amina", TestConfig.PASSWORD);
        counsellor.visible(By.id("workspace"));
        counsellor.goAvailable();
        WebElement chat = counsellor.visible(By.cssSelector("section.chat[data-conversation]"));
        counsellor.textAppears(By.cssSelector("section.chat li.message.from-visitor .text"),
                "Bonjour, j'ai peur de rentrer ce soir");
        chat.findElement(By.cssSelector("textarea.text")).sendKeys("Bonjour, je m'appelle Amina. Vous êtes en "
                + "sécurité là où vous êtes ?");
        chat.findElement(By.cssSelector("button.send")).click();

        visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "je m'appelle Amina");
        visitor.textAppears(By.id("status"), "Counsellor browser.amina");
        List<WebElement> visitorMessages = visitor.driver().findElements(By.cssSelector("#messages li.message"));
        assertEquals(2, visitorMessages.size(), "each message shown once");

        assertTrue(visitor.driver().manage().getCookies().isEmpty(), "no cookie");
        assertEquals(0L, visitor.script("return window.localStorage.length"), "nothing in local storage");
        assertTrue(((String) visitor.script("return JSON.stringify(Object.keys(window.sessionStorage))"))
                .length() > 2, "the resume secret lives in session storage");

        visitor.driver().navigate().refresh();
        visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "je m'appelle Amina");
        visitor.textAppears(By.cssSelector("#messages li.message.from-visitor .text"), "j'ai peur de rentrer");
        assertEquals(2, visitor.driver().findElements(By.cssSelector("#messages li.message")).size(),
                "a reload resumes the same conversation without doubling anything");

        counsellor.find(By.cssSelector("section.chat textarea.text")).sendKeys("Je reste avec vous.");
        counsellor.click(By.cssSelector("section.chat button.send"));
        visitor.textAppears(By.cssSelector("#messages li.message.from-counsellor .text"), "Je reste avec vous.");

        visitor.click(By.id("quick-exit"));
        visitor.waiting().until(driver -> !driver.getCurrentUrl().startsWith(base()));
        assertFalse(visitor.driver().getCurrentUrl().startsWith(base()), "quick exit left the helpline");
    }
}
