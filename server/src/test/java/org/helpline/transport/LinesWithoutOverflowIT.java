package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A visitor who waits with no reason that no counsellor answers (a counsellor online with free places who does not
 * take her: here in her hour of wrap-up after a chat) is still shown the lines open for her need as they are: the
 * queue looks at them once a minute whatever the reason, and sends {@code alternatives} (reason {@code waiting}) when
 * a line closes or opens, and nothing when they are those her start showed. The directory has the French emergency
 * numbers and one line, open every day from 19:00 to 20:00 and from 20:02 to 22:00 UTC. The node's clock is set on
 * the next day, so that it stays within a day of Redis's.
 */
class LinesWithoutOverflowIT {
    private static final String LINE = "test-evening-line";
    private static final String COUNSELLOR = "steady.one";
    private static final SettableClock clock = new SettableClock(Instant.now());

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config(), clock);

    private static HelplineConfig config() {
        HelplineConfig base = TestConfig.withCounsellors();
        return ConfigBuilder.from(base).directoryAtStart(eveningLine(base.directoryAtStart()))
                .counsellors(List.of(TestConfig.counsellor(COUNSELLOR, 2)))
                .steps(new RoutingStep("anyone", Set.of(), Duration.ZERO))
                .wrapUp(Duration.ofHours(1))
                .build();
    }

    /** The emergency numbers of France of {@code shipped}, and {@link #LINE}: 19:00 to 20:00, 20:02 to 22:00 UTC. */
    private static Directory eveningLine(Directory shipped) {
        return TestDirectory.frenchEmergenciesAnd(shipped, LINE, List.of(
                new OpeningHours.TimeRange(LocalTime.of(19, 0), LocalTime.of(20, 0)),
                new OpeningHours.TimeRange(LocalTime.of(20, 2), LocalTime.of(22, 0))));
    }

    @Test
    void herLinesAreSentAgainWhenALineClosesOrOpensThoughNoReasonHolds() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        clock.set(day.atTime(19, 58, 30).toInstant(ZoneOffset.UTC));
        TestSocket console = helpline.availableConsole(0, COUNSELLOR, TestConfig.PASSWORD);
        helpline.assignedVisitor(console, new JsonObject().put("language", "fr")).end(); // her wrap-up starts

        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("language", "fr"));
        JsonObject atStart = visitor.socket().next("alternatives");
        assertEquals("waiting", atStart.getString("reason"));
        assertEquals(List.of(LINE), lines(atStart));
        assertTrue(visitor.socket().next("queue").getBoolean("counsellorsOnline"), "a counsellor in wrap-up is online");
        assertTrue(visitor.socket().all("alternatives", Duration.ofMillis(2500)).isEmpty(),
                "no reason, and the lines her start showed: nothing more at the first ticks");
        assertEquals("waiting", helpline.inRedis(redis -> redis.hget(Keys.conversation(visitor.conversation()),
                "status")), "she waits, nobody took her");

        clock.set(day.atTime(20, 0, 30).toInstant(ZoneOffset.UTC));
        JsonObject closed = visitor.socket().next("alternatives");
        assertEquals("waiting", closed.getString("reason"));
        assertTrue(lines(closed).isEmpty(), "the line closed: " + closed.encode());

        clock.set(day.atTime(20, 2, 30).toInstant(ZoneOffset.UTC));
        JsonObject reopened = visitor.socket().next("alternatives");
        assertEquals("waiting", reopened.getString("reason"));
        assertEquals(List.of(LINE), lines(reopened), "the line opened again");
        assertTrue(visitor.socket().all("alternatives", Duration.ofMillis(1500)).isEmpty(), "one frame a change");
        visitor.end();
    }

    private static List<String> lines(JsonObject alternatives) {
        return alternatives.getJsonArray("hotlines").stream().map(JsonObject.class::cast)
                .map(line -> line.getString("id")).toList();
    }
}
