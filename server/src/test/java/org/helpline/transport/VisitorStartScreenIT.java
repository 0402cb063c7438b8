package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.AbuseSettings;
import org.helpline.support.Browser;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.CountingHour;
import org.helpline.support.Helpline;
import org.helpline.support.Screen;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A start on the welcome form that does not give a chat, on a 360 x 640 phone (touch screen) in real headless Chromium
 * against the real server, where she has scrolled down to Start and the status, the notice and the lines open now are
 * above the window: refused ({@code chat_unavailable}, here because one chat an hour is allowed per connection), the
 * lines open now and the sentence just above them come into view with the focus on them; started while offline, the
 * line just above Start says so, with the focus there.
 */
@ExtendWith(CountingHour.class)
class VisitorStartScreenIT {
    private static final By OUTCOME = By.id("start-outcome");

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors())
            .abuse(new AbuseSettings(1, 1000, 1000, Duration.ofHours(1))).build());

    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
        browsers.clear();
    }

    /**
     * The visitor page in English on a 360 x 640 phone with a touch screen, from 127.0.0.1 without a forwarded address:
     * the browser's starts are counted under that address's client key.
     */
    private Screen onPhone(Browser phone) {
        browsers.add(phone);
        return Screen.visitorPhone(phone, "http://127.0.0.1:" + helpline.port(0) + "/?lang=en");
    }

    private static String focused(Browser browser) {
        return (String) browser.script("return document.activeElement && document.activeElement.id");
    }

    @Test
    void aRefusedStartBringsTheLinesOpenNowIntoViewWithTheFocusOnThem() {
        Browser phone = Browser.open();
        Screen screen = onPhone(phone);
        phone.click(By.id("start")); // the connection's one chat this hour
        phone.visible(By.id("chat"));
        phone.endChat();
        phone.click(By.id("new-chat"));

        phone.click(By.id("start"));
        phone.textAppears(OUTCOME, "A chat cannot start from here right now.");
        screen.assertInView(By.id("notice"), "refused");
        screen.assertInView(By.id("alt-reason"), "refused");
        screen.assertInView(By.cssSelector("#alt-lines a.alt-number"), "refused: the first line open now");
        assertEquals("alternatives", focused(phone), "the focus is on the lines open now, not lost");
    }

    @Test
    void aStartWhileOfflineSaysSoBesideStartWithTheFocusThere() {
        Browser phone = Browser.open();
        phone.keepWebSockets();
        Screen screen = onPhone(phone);
        phone.textAppears(By.id("status"), "Connected.");
        phone.offline(true);
        phone.dropLastWebSocket();
        phone.textAppears(By.id("connection"), "Connection lost.");

        phone.click(By.id("start"));
        phone.textAppears(OUTCOME, "Not connected. Trying again…");
        screen.assertInView(OUTCOME, "started offline");
        screen.assertInView(By.cssSelector("#start-outcome a[href='#emergency']"), "started offline: the numbers");
        assertEquals("start-outcome", focused(phone), "the focus is beside Start, not lost");
    }
}
