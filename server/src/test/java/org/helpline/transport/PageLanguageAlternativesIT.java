package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.helpline.config.AbuseSettings;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.CountingHour;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lines a visitor is shown ({@code alternatives}) are described in the language she reads: the chat language she
 * chose, else the language of her page ({@code pageLanguage} of her {@code start}), not French because she left "Any".
 * So in every {@code alternatives} she gets: after the start, from the queue (no counsellor here can answer), after
 * "in danger now", on a socket that resumes the chat, and for a start refused (one chat an hour per client here), by
 * the language of the page that sent that start.
 */
@ExtendWith(CountingHour.class)
class PageLanguageAlternativesIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, ConfigBuilder.from(TestConfig.withCounsellors())
            .abuse(new AbuseSettings(1, 1_000, 1_000, Duration.ofHours(1))).build());

    private static JsonObject start(JsonObject triage, String pageLanguage) {
        return new JsonObject().put("type", "start").put("triage", triage).put("pageLanguage", pageLanguage);
    }

    private static Predicate<JsonObject> alternatives(Predicate<String> reason) {
        return frame -> "alternatives".equals(frame.getString("type")) && reason.test(frame.getString("reason"));
    }

    /** Every line of the frame is described as the directory describes it in {@code language}. */
    private static void assertDescribedIn(String language, JsonObject alternatives, String when) {
        Directory directory = helpline.config().directoryAtStart();
        List<JsonObject> lines = Stream.concat(alternatives.getJsonArray("hotlines").stream(),
                alternatives.getJsonArray("emergency").stream()).map(JsonObject.class::cast).toList();
        List<Hotline> known = lines.stream().map(line -> directory.hotline(line.getString("id")).orElseThrow())
                .toList();
        assertTrue(known.stream().anyMatch(line -> !line.description("fr").equals(line.description("en"))),
                when + ": some line is described differently in French and English");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(known.get(i).description(language), lines.get(i).getString("description"),
                    when + ": " + known.get(i).id() + " in " + language);
        }
    }

    @Test
    void aVisitorWhoGaveNoChatLanguageReadsTheLinesInThatOfHerPageEverywhere() {
        TestSocket visitor = helpline.visitorFrom(0, "192.0.2.61");
        visitor.send(start(new JsonObject(), "en"));
        Helpline.Visitor started = new Helpline.Visitor(visitor, visitor.next("started"));
        assertDescribedIn("en", visitor.take(alternatives("waiting"::equals), "the lines after the start"),
                "after the start");
        assertDescribedIn("en", visitor.take(alternatives(reason -> !"waiting".equals(reason)),
                "the lines with why nobody answers, from the queue"), "from the queue");
        visitor.send(new JsonObject().put("type", "danger"));
        assertDescribedIn("en", visitor.take(alternatives("danger"::equals), "the lines after 'in danger now'"),
                "after 'in danger now'");

        TestSocket again = helpline.resumed(0, started);
        assertDescribedIn("en", again.take(alternatives("waiting"::equals), "the lines on resuming"),
                "on a socket that resumes the chat");
        again.send(new JsonObject().put("type", "end"));
        again.next("ended");
    }

    @Test
    void theChatLanguageSheChoseComesBeforeThatOfHerPage() {
        TestSocket visitor = helpline.visitorFrom(0, "192.0.2.62");
        visitor.send(start(new JsonObject().put("language", "fr"), "en"));
        visitor.next("started");
        assertDescribedIn("fr", visitor.take(alternatives("waiting"::equals), "the lines after the start"),
                "French chosen for the chat on the English page");
        visitor.send(new JsonObject().put("type", "end"));
        visitor.next("ended");
    }

    @Test
    void aRefusedStartShowsTheLinesInTheLanguageOfThePageThatSentIt() {
        TestSocket first = helpline.visitorFrom(0, "192.0.2.63");
        first.send(start(new JsonObject(), "fr"));
        first.next("started");
        first.send(new JsonObject().put("type", "end"));
        first.next("ended");

        TestSocket refused = helpline.visitorFrom(0, "192.0.2.63");
        refused.send(start(new JsonObject(), "en"));
        JsonObject lines = refused.take(alternatives("unavailable"::equals), "the lines open now, the start refused");
        assertEquals("chat_unavailable", refused.next("error").getString("code"));
        assertDescribedIn("en", lines, "a refused start from the English page");
        assertFalse(lines.getJsonArray("emergency").isEmpty(), "the emergency numbers are shown");
    }
}
