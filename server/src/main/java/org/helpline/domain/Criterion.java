package org.helpline.domain;

import java.util.Optional;

/**
 * One thing a routing step can require. A criterion the visitor left unanswered matches everyone: nobody waits
 * longer for having said less.
 */
public enum Criterion {
    /** The counsellor's association serves the conversation's region (or is national). */
    REGION,
    /** The counsellor takes the conversation's topic. */
    TOPIC,
    /** The counsellor chats in the conversation's language. */
    LANGUAGE;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<Criterion> fromWire(String value) {
        return WireNames.parse(values(), value);
    }

    /** Reads of the counsellor only what {@link CounsellorKind} holds: a criterion that reads more adds it there. */
    boolean matches(Triage triage, Counsellor counsellor, Association association) {
        return switch (this) {
            case REGION -> triage.region().isEmpty() || association.serves(triage.region().get());
            case TOPIC -> triage.topic().isEmpty() || counsellor.topics().contains(triage.topic().get());
            case LANGUAGE -> triage.language().isEmpty() || counsellor.languages().contains(triage.language().get());
        };
    }
}
