package org.helpline.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.Triage;

/** Hotlines as they travel in frames: the {@code alternatives} a visitor is shown, and directory results. */
final class HotlineFrames {
    private HotlineFrames() {
    }

    static JsonObject encode(Hotline hotline, String language, Instant now) {
        JsonArray numbers = new JsonArray();
        hotline.numbers().forEach(number -> numbers.add(new JsonObject().put("number", number.number())
                .put("channel", number.channel().wireName()).put("free", number.free())));
        return new JsonObject().put("id", hotline.id()).put("name", hotline.name())
                .put("country", hotline.country()).put("emergency", hotline.emergency()).put("numbers", numbers)
                .put("openNow", hotline.openingHours().isOpen(now))
                .put("description", hotline.description(language))
                .put("accessibility", new JsonArray(hotline.accessibility().stream().sorted().toList()));
    }

    static JsonArray encode(List<Hotline> hotlines, String language, Instant now) {
        JsonArray array = new JsonArray();
        hotlines.forEach(hotline -> array.add(encode(hotline, language, now)));
        return array;
    }

    /**
     * The {@code alternatives} frame: the lines open now for this need, and the emergency numbers of the visitor's
     * country (all countries when the region does not tell), described in the language she reads
     * ({@link Triage#visitorLanguage}: her page's, {@code pageLanguage}, when she gave none for the chat).
     */
    static JsonObject alternatives(String conversation, String reason, Triage triage, Optional<String> pageLanguage,
                                   Directory directory, Instant now) {
        return alternatives(conversation, reason, triage, pageLanguage, directory.openFor(triage, now), directory,
                now);
    }

    /** The same with the lines open for this need ({@code open}) already worked out by the caller. */
    static JsonObject alternatives(String conversation, String reason, Triage triage, Optional<String> pageLanguage,
                                   List<Hotline> open, Directory directory, Instant now) {
        String language = triage.visitorLanguage(pageLanguage);
        Optional<String> country = triage.region().flatMap(directory::countryOf);
        return new JsonObject().put("type", "alternatives").put("conversation", conversation).put("reason", reason)
                .put("hotlines", encode(open, language, now))
                .put("emergency", encode(directory.emergencies(country), language, now));
    }
}
