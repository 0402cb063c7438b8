package org.helpline.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a {@link Browser}'s window shows, not only what its page holds: an exact screen size (a headless window cannot
 * be narrower than 500 px, so a phone's screen is emulated), whether an element can be read where it is (inside the
 * window, below a sticky header, not covered by anything at its centre), and a picture of the screen.
 */
public final class Screen {
    /** The visitor page's sticky header: what it covers is not in view. */
    public static final By VISITOR_HEADER = By.cssSelector("header.topbar");

    private final Browser browser;

    private Screen(Browser browser) {
        this.browser = browser;
    }

    /** The browser's screen set to exactly {@code width} x {@code height} CSS pixels, as a phone's or not. */
    public static Screen sized(Browser browser, int width, int height, boolean phone) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
        return new Screen(browser);
    }

    /**
     * {@code phone} as a 360 x 640 phone with a touch screen, showing the visitor page at {@code url} with its form
     * ready.
     */
    public static Screen visitorPhone(Browser phone, String url) {
        phone.emulateTouchScreen();
        Screen screen = sized(phone, 360, 640, true);
        phone.get(url);
        phone.visible(By.id("start"));
        return screen;
    }

    /** Fails, saying why, unless the element is in view on the visitor page ({@link #stillHidden}). */
    public void assertInView(By locator, String when) {
        assertEquals("", stillHidden(locator, VISITOR_HEADER), when + ": " + locator + " is in view");
    }

    /** The height in CSS pixels of the element's box. */
    public double height(By locator) {
        return ((Number) browser.script("return arguments[0].getBoundingClientRect().height;",
                browser.find(locator))).doubleValue();
    }

    /**
     * Why the element cannot be read where it is, or an empty string when it can: the whole of its box is inside the
     * window and below the bottom of {@code header} (a sticky bar over the page), and what the browser draws at its
     * centre is the element or something inside it.
     */
    public String hidden(By locator, By header) {
        return hidden(locator, browser.find(header));
    }

    /**
     * As {@link #hidden(By, By)}, once the page has had the browser's wait to bring the element there (a scroll that
     * follows a change of state comes a frame or two after it): empty as soon as it is in view, else why it is not.
     */
    public String stillHidden(By locator, By header) {
        String[] why = {""};
        try {
            browser.waiting().until(driver -> (why[0] = hidden(locator, header)).isEmpty());
        } catch (TimeoutException notInView) {
            return why[0];
        }
        return "";
    }

    /** Why the element cannot be read where it is (inside the window, not covered), or an empty string. */
    public String hidden(By locator) {
        return hidden(locator, (WebElement) null);
    }

    private String hidden(By locator, WebElement header) {
        return (String) browser.script("const box = arguments[0].getBoundingClientRect();"
                + " const top = arguments[1] ? arguments[1].getBoundingClientRect().bottom : 0;"
                + " const at = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);"
                + " const where = ' (box ' + Math.round(box.top) + '..' + Math.round(box.bottom) + ', top '"
                + " + Math.round(top) + ', window ' + innerWidth + 'x' + innerHeight + ')';"
                + " if (box.width === 0 || box.height === 0) return 'not displayed';"
                + " if (box.top < top - 0.5) return 'above the view or under the header' + where;"
                + " if (box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5 || box.left < -0.5)"
                + "   return 'outside the window' + where;"
                + " if (!at || !arguments[0].contains(at)) return 'covered by ' + (at ? at.outerHTML.slice(0, 80)"
                + "   : 'nothing') + where;"
                + " return '';", browser.find(locator), header);
    }

    /** A PNG picture of what the window shows now. */
    public void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
