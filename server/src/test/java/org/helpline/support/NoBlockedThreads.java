package org.helpline.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Registered for every test class (META-INF/services): fails the class when Vert.x's blocked-thread checker warned
 * while it ran. A blocked event loop is a bug even when the test otherwise passes.
 */
public final class NoBlockedThreads implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        WARNINGS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!WARNINGS.isEmpty()) {
            String first = WARNINGS.get(0);
            WARNINGS.clear();
            throw new AssertionError("Vert.x reported a blocked thread during " + context.getDisplayName() + ": "
                    + first);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        AppenderBase<ILoggingEvent> watcher = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String message = event.getFormattedMessage();
                if (event.getLoggerName().contains("BlockedThreadChecker")
                        || (message != null && message.contains("has been blocked for"))) {
                    WARNINGS.add(event.getLoggerName() + ": " + message);
                }
            }
        };
        watcher.setContext(logging);
        watcher.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(watcher);
        installed = true;
    }
}
