package org.helpline.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An entry of the hotline directory: a helpline, an emergency number or a local service, with its numbers, when it is
 * open, who and what it is for, and a short description in each supported language. Regions are the country's region
 * codes, or {@value Association#NATIONAL} for the whole country.
 */
public record Hotline(String id, String name, String country, boolean emergency, List<Number> numbers,
                      OpeningHours openingHours, Set<String> topics, Set<String> regions, Set<String> languages,
                      Set<Audience> audience, Set<String> accessibility, Map<String, String> descriptions) {
    public Hotline {
        numbers = List.copyOf(numbers);
        topics = Set.copyOf(topics);
        regions = Set.copyOf(regions);
        languages = Set.copyOf(languages);
        audience = Set.copyOf(audience);
        accessibility = Set.copyOf(accessibility);
        descriptions = Map.copyOf(descriptions);
    }

    /** One way to reach the line. */
    public record Number(String number, Channel channel, boolean free) {
    }

    /** How a number is reached. */
    public enum Channel {
        VOICE, SMS, CHAT, WEB;

        public String wireName() {
            return WireNames.of(this);
        }

        public static Optional<Channel> fromWire(String value) {
            return WireNames.parse(values(), value);
        }
    }

    /** Who a line is for. */
    public enum Audience {
        VICTIMS, WITNESSES, CHILDREN, PERPETRATORS, PROFESSIONALS;

        public String wireName() {
            return WireNames.of(this);
        }

        public static Optional<Audience> fromWire(String value) {
            return WireNames.parse(values(), value);
        }
    }

    /** The description in this language, else in English, else any. */
    public String description(String language) {
        return Optional.ofNullable(descriptions.get(language)).or(() -> Optional.ofNullable(descriptions.get("en")))
                .orElseGet(() -> descriptions.values().stream().findFirst().orElse(""));
    }
}
