package org.helpline.support;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * The Chromiums of this test JVM that a test closed, kept for the next test that opens one launched the same way
 * (window size, flags, logs): starting one costs seconds of CPU, on a machine where the browser tests are what takes
 * CI its time. A browser is kept only once it holds a single fresh tab with nothing of the test before it
 * ({@link Browser#close}); those still idle are quit when the JVM ends.
 */
final class IdleBrowsers {
    /** A kept browser: its driver and its profile directory. */
    record Idle(WebDriver driver, Path profile) {
    }

    private static final Map<String, Deque<Idle>> IDLE = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(IdleBrowsers::quitAll, "idle-browsers"));
    }

    private IdleBrowsers() {
    }

    /** One launched as {@code launch} says, if one is idle and still answers (one that does not is quit). */
    static Optional<Idle> take(String launch) {
        while (true) {
            Idle browser;
            synchronized (IdleBrowsers.class) {
                Deque<Idle> idle = IDLE.get(launch);
                browser = idle == null ? null : idle.pollFirst();
            }
            if (browser == null) {
                return Optional.empty();
            }
            try {
                browser.driver().getWindowHandles();
                return Optional.of(browser);
            } catch (WebDriverException gone) {
                quit(browser);
            }
        }
    }

    static synchronized void keep(String launch, Idle idle) {
        IDLE.computeIfAbsent(launch, ignored -> new ArrayDeque<>()).addFirst(idle);
    }

    /** Quits a browser and deletes its profile. */
    static void quit(Idle browser) {
        try {
            browser.driver().quit();
        } catch (WebDriverException gone) {
            // its process ended already: only the profile is left
        }
        TempDirectories.delete(browser.profile());
    }

    private static void quitAll() {
        List<Idle> all = new ArrayList<>();
        synchronized (IdleBrowsers.class) {
            IDLE.values().forEach(all::addAll);
            IDLE.clear();
        }
        all.forEach(IdleBrowsers::quit);
    }
}
