package org.helpline.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a visitor chose to tell before the chat. Every field is optional; nothing here identifies the person.
 * Free-text-looking fields are restricted to short codes so that no story ends up in routing data. A region is kept
 * in lower case, as the configuration's regions are, so that one typed "London" or "2A" is the region it names.
 */
public record Triage(Optional<Role> role, Optional<String> language, Optional<String> region,
                     Optional<String> topic, boolean childrenInvolved, boolean inDanger) {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    public Triage {
        language.ifPresent(value -> require(LANGUAGE.matcher(value).matches(), "language",
                "an ISO 639 code such as fr or en"));
        region.ifPresent(value -> require(CODE.matcher(value).matches(), "region",
                "a short code such as 59, london or national"));
        region = region.map(value -> value.toLowerCase(Locale.ROOT)); // "London" is london; the configuration's too
        topic.ifPresent(value -> require(CODE.matcher(value).matches(), "topic",
                "a short code such as physical or legal-advice"));
    }

    /**
     * The language hotline descriptions are given in to staff: the one the visitor chose, else French (the service's
     * first language; a line with no text in it is described in English). An escalation's script is in the chat's
     * language instead ({@link #visitorLanguage}), which her counsellor speaks.
     */
    public String textLanguage() {
        return visitorLanguage(Optional.empty());
    }

    /**
     * The language the visitor is shown hotline descriptions in: the one she chose for the chat, else the one her
     * page is shown in ({@code pageLanguage}, from her {@code start}; she reads that page), else French.
     */
    public String visitorLanguage(Optional<String> pageLanguage) {
        return language.or(() -> pageLanguage).orElse("fr");
    }

    public static Triage none() {
        return new Triage(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    }

    /** The same triage without "in danger now" (a client's further chats queue as normal). */
    public Triage withoutDanger() {
        return new Triage(role, language, region, topic, childrenInvolved, false);
    }

    private static void require(boolean condition, String field, String expected) {
        if (!condition) {
            throw new InvalidTriage(field, expected);
        }
    }

    /** A triage field that does not have the expected shape. */
    public static final class InvalidTriage extends IllegalArgumentException {
        private final String field;
        private final String expected;

        public InvalidTriage(String field, String expected) {
            super("triage." + field + " must be " + expected);
            this.field = field;
            this.expected = expected;
        }

        public String field() {
            return field;
        }

        /** What the field must be, e.g. "an ISO 639 code such as fr or en". */
        public String expected() {
            return expected;
        }
    }
}
