package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.Role;
import org.helpline.domain.Triage;
import org.helpline.support.Helpline;
import org.helpline.support.SettableClock;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lines a waiting visitor is shown as open now follow the clock: one that closes while she waits leaves the list.
 * The node's clock is set near the shipped CIDFF du Nord's closing time (17:00, Paris) on one of the next days it
 * closes then, so that it stays within days of Redis's.
 */
class AlternativesInTimeIT {
    private static final String LINE = "fr-59-cidff";
    private static final SettableClock clock = new SettableClock(Instant.now());

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(), clock);

    @Test
    void aLineThatClosesWhileSheWaitsIsNoLongerShownOpen() {
        Directory directory = helpline.config().directoryAtStart();
        Triage need = new Triage(Optional.of(Role.VICTIM), Optional.of("fr"), Optional.of("59"),
                Optional.of("legal-advice"), false, false);
        Instant closing = nextClosing(directory, need);
        clock.set(closing.minusSeconds(120));

        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("role", "victim").put("language", "fr")
                .put("region", "59").put("topic", "legal-advice"));
        JsonObject before = visitor.socket().take(f -> "alternatives".equals(f.getString("type"))
                && !"waiting".equals(f.getString("reason")), "the lines open now, with why she waits");
        assertTrue(lines(before).contains(LINE), before.encode());

        clock.set(closing.plusSeconds(60));
        JsonObject after = visitor.socket().take(f -> "alternatives".equals(f.getString("type"))
                && !"waiting".equals(f.getString("reason")), "the lines open a minute after");
        assertEquals(before.getString("reason"), after.getString("reason"));
        assertFalse(lines(after).contains(LINE), "closed now: " + after.encode());
        visitor.end();
    }

    /** 17:00 in Paris on the next day the line is open until then and closed after. */
    private static Instant nextClosing(Directory directory, Triage need) {
        for (LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(1); ; day = day.plusDays(1)) {
            Instant closing = day.atTime(LocalTime.of(17, 0)).atZone(ZoneId.of("Europe/Paris")).toInstant();
            if (ids(directory.openFor(need, closing.minusSeconds(120))).contains(LINE)
                    && !ids(directory.openFor(need, closing.plusSeconds(60))).contains(LINE)) {
                return closing;
            }
        }
    }

    private static List<String> ids(List<Hotline> hotlines) {
        return hotlines.stream().map(Hotline::id).toList();
    }

    private static List<String> lines(JsonObject alternatives) {
        return alternatives.getJsonArray("hotlines").stream().map(JsonObject.class::cast)
                .map(line -> line.getString("id")).toList();
    }
}
