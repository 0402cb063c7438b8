package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Directory;
import org.helpline.domain.OpeningHours;
import org.helpline.domain.RoutingStep;
import org.helpline.store.Keys;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.SettableClock;
import org.helpline.support.TestConfig;
import org.helpline.support.TestDirectory;
import org.helpline.support.TestSocket;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chat whose start was shown only the emergency numbers (no line of the directory open for anyone then), and which
 * is shown a line later, counts as left after an alternative when she leaves unanswered, not as left before any line
 * was shown: the line that opened while she waited (the queue's {@code alternatives}), the lines sent with "in danger
 * now", or those shown to a socket that attaches to her chat again. Here the directory has the French emergency
 * numbers and one line, open every day from 18:00:30 to 20:00 UTC; nobody is online, so she waits with the reason
 * {@code no_counsellor} throughout and the queue sends her lines whatever it does without a reason. The node's clock
 * is set on the next days, so that it stays within days of Redis's.
 */
class LinesShownLaterIT {
    private static final String LINE = "test-evening-line";
    private static final SettableClock clock = new SettableClock(Instant.now());

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config(), clock);

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        return ConfigBuilder.from(base).directoryAtStart(eveningLine(base.directoryAtStart()))
                .counsellors(List.of(TestConfig.counsellor("later.offline", 1)))
                .steps(new RoutingStep("anyone", Set.of(), Duration.ZERO))
                .build();
    }

    /** The emergency numbers of France of {@code shipped}, and the line {@link #LINE}, open 18:00:30 to 20:00 UTC. */
    private static Directory eveningLine(Directory shipped) {
        return TestDirectory.frenchEmergenciesAnd(shipped, LINE, List.of(
                new OpeningHours.TimeRange(LocalTime.of(18, 0, 30), LocalTime.of(20, 0))));
    }

    @Test
    void aLineThatOpensWhileSheWaitsCountsAsShownWhenSheLeaves() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        clock.set(at(day, LocalTime.of(17, 58, 30)));
        Helpline.Visitor visitor = startedWithNoLine();

        clock.set(at(day, LocalTime.of(18, 1)));
        JsonObject opened = visitor.socket().take(alternatives(reason -> true).and(f -> !lines(f).isEmpty()),
                "the line that opened while she waited");
        assertEquals("no_counsellor", opened.getString("reason"));
        assertEquals(List.of(LINE), lines(opened));
        Waits.until(() -> alternativesAt(visitor), shownAt -> !shownAt.isEmpty(), 10, "the line shown recorded");

        visitor.end();
        assertEquals("left_after_alternative", outcome(visitor));
    }

    /**
     * Within the minute the line opened (18:00:30), the queue does not look at her lines again: only the frame that
     * answers "in danger now" shows it to her, and it is recorded before that frame goes.
     */
    @Test
    void theLinesShownWithInDangerNowCount() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        clock.set(at(day, LocalTime.of(18, 0, 5)));
        Helpline.Visitor visitor = startedWithNoLine();

        clock.set(at(day, LocalTime.of(18, 0, 45)));
        visitor.socket().send(new JsonObject().put("type", "danger"));
        JsonObject danger = visitor.socket().take(alternatives("danger"::equals), "the lines after 'in danger now'");
        assertEquals(List.of(LINE), lines(danger));
        assertFalse(alternativesAt(visitor).isEmpty(), "recorded before the answer");
        assertTrue(visitor.socket().all("alternatives", Duration.ZERO).stream().allMatch(f -> lines(f).isEmpty()),
                "the queue showed her no line within that minute");

        visitor.end();
        assertEquals("left_after_alternative", outcome(visitor));
    }

    @Test
    void theLinesShownToASocketThatAttachesAgainCount() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        clock.set(at(day, LocalTime.of(18, 0, 5)));
        Helpline.Visitor visitor = startedWithNoLine();

        clock.set(at(day, LocalTime.of(18, 0, 45)));
        TestSocket again = helpline.resumed(0, visitor);
        JsonObject shown = again.take(alternatives("waiting"::equals), "the lines on the socket that attached");
        assertEquals(List.of(LINE), lines(shown));
        Waits.until(() -> alternativesAt(visitor), shownAt -> !shownAt.isEmpty(), 10, "the line shown recorded");

        again.send(new JsonObject().put("type", "end"));
        again.next("ended");
        assertEquals("left_after_alternative", outcome(visitor));
    }

    /** A visitor who starts while no line is open: only the emergency numbers, with the start and from the queue. */
    private static Helpline.Visitor startedWithNoLine() {
        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("language", "fr"));
        JsonObject atStart = visitor.socket().take(alternatives("waiting"::equals), "the start's alternatives");
        assertTrue(lines(atStart).isEmpty(), "no line open at her start: " + atStart.encode());
        assertFalse(atStart.getJsonArray("emergency").isEmpty(), "the emergency numbers are shown");
        assertEquals("", alternativesAt(visitor), "her start recorded no line");
        JsonObject why = visitor.socket().take(alternatives("no_counsellor"::equals), "why nobody answers her");
        assertTrue(lines(why).isEmpty(), why.encode());
        return visitor;
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).toInstant(ZoneOffset.UTC);
    }

    private static Predicate<JsonObject> alternatives(Predicate<String> reason) {
        return frame -> "alternatives".equals(frame.getString("type")) && reason.test(frame.getString("reason"));
    }

    private static List<String> lines(JsonObject alternatives) {
        return alternatives.getJsonArray("hotlines").stream().map(JsonObject.class::cast)
                .map(line -> line.getString("id")).toList();
    }

    private static String alternativesAt(Helpline.Visitor visitor) {
        return helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()), "alternativesAt"));
    }

    private static String outcome(Helpline.Visitor visitor) {
        return helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()), "outcome"));
    }
}
