package org.helpline.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.helpline.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An unexpected failure is logged with its classes and stack traces, never with a message quoting a visitor. */
class FailureLogTest {
    private static final String VISITOR_TEXT = "he is outside the door";
    private static final Logger LOG = LoggerFactory.getLogger(FailureLogTest.class);

    private static IllegalStateException failureQuotingAVisitor() {
        return new IllegalStateException("cannot store '" + VISITOR_TEXT + "'",
                new IllegalArgumentException("bad text: " + VISITOR_TEXT));
    }

    @Test
    void aCauseChainKeepsItsClassesAndStackTracesButNoMessage() {
        IllegalStateException original = failureQuotingAVisitor();
        Throwable withheld = FailureLog.withheld(original);
        String rendered = ThrowableProxyUtil.asString(new ThrowableProxy(withheld));
        assertFalse(rendered.contains(VISITOR_TEXT), rendered);
        assertTrue(rendered.contains(IllegalStateException.class.getName() + " (message withheld)"), rendered);
        assertTrue(rendered.contains(IllegalArgumentException.class.getName() + " (message withheld)"), rendered);
        assertTrue(rendered.contains("FailureLogTest.failureQuotingAVisitor"), "the stack trace is kept: " + rendered);
        assertArrayEquals(original.getStackTrace(), withheld.getStackTrace());
    }

    @Test
    void theSameFailureRepeatingIsLoggedWithItsStackOnceAWhile() {
        try (CapturedLogs logs = new CapturedLogs()) {
            for (int i = 0; i < 3; i++) {
                FailureLog.log(LOG, "Repeating poll", failureQuotingAVisitor());
            }
            List<String> errors = logs.lines().stream().filter(line -> line.contains("Repeating poll")).toList();
            assertEquals(3, errors.size(), errors.toString());
            assertEquals(1, errors.stream().filter(line -> line.contains("(message withheld)")).count(),
                    "one stack trace, then one-line repeats: " + errors);
            assertTrue(errors.stream().noneMatch(line -> line.contains(VISITOR_TEXT)), errors.toString());
        }
    }

    @Test
    void aCommandRedisRefusedAsWrongIsLoggedAsABugAndAFullRedisAsAnOutage() {
        Throwable wrongType = StoreUnavailable.of(new RedisCommandExecutionException("WRONGTYPE Operation against a"
                + " key holding the wrong kind of value script: start_chat_5ba3, on @user_function:37."));
        Throwable scriptBug = StoreUnavailable.of(new RedisCommandExecutionException("ERR user_function:12: attempt"
                + " to compare nil with number script: start_chat_5ba3, on @user_function:12."));
        Throwable full = StoreUnavailable.of(new RedisCommandExecutionException("OOM command not allowed when used"
                + " memory > 'maxmemory'. script: start_chat_5ba3, on @user_function:37."));
        assertTrue(FailureLog.isRedisTrouble(wrongType) && FailureLog.isRedisTrouble(full), "both unavailable");
        try (CapturedLogs logs = new CapturedLogs()) {
            FailureLog.log(LOG, "Refused as wrong", wrongType);
            FailureLog.log(LOG, "Script that failed", scriptBug);
            FailureLog.log(LOG, "Refused when full", full);
            List<String> errors = logs.errors();
            assertEquals(2, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains("Refused as wrong: unexpected failure"), errors.toString());
            assertTrue(errors.get(1).contains("Script that failed: unexpected failure"), errors.toString());
            String outage = LOG.getName() + " Refused when full: Redis unavailable (RedisCommandExecutionException)";
            assertTrue(logs.lines().contains(outage), logs.lines().toString());
        }
    }

    @Test
    void anOutageFloodingFailuresIsOneWarningEveryTenSecondsWithItsCount() {
        try (CapturedLogs logs = new CapturedLogs()) {
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                FailureLog.log(LOG, "Flooded frame", new TimeoutException("slow"), start + i);
            }
            FailureLog.log(LOG, "Flooded frame", new TimeoutException("slow"),
                    start + FailureLog.REDIS_REPEAT_SILENCE.toNanos() + 1_000);
            FailureLog.log(LOG, "Flooded frame", new TimeoutException("slow"),
                    start + 2 * FailureLog.REDIS_REPEAT_SILENCE.toNanos() + Duration.ofSeconds(1).toNanos());
            List<String> warnings = logs.lines().stream()
                    .filter(line -> line.contains("Flooded frame: Redis unavailable (TimeoutException)")).toList();
            assertEquals(List.of(
                    LOG.getName() + " Flooded frame: Redis unavailable (TimeoutException)",
                    LOG.getName() + " Flooded frame: Redis unavailable (TimeoutException), 999 more times in the 10 s"
                            + " since the last warning",
                    LOG.getName() + " Flooded frame: Redis unavailable (TimeoutException)"), warnings,
                    "the first at once, then one a 10 s with the repeats it stands for");
            assertEquals(999, logs.lines().stream().filter(line -> line.contains("Redis unavailable again")).count(),
                    "the repeats at debug level");
        }
    }
}
