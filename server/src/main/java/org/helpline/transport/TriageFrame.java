package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.helpline.domain.Role;
import org.helpline.domain.Triage;

/**
 * The triage object of a {@code start} frame (or the same fields at the top level of a {@code directory} frame), and
 * the triage shown to the counsellor.
 */
final class TriageFrame {
    /** How the fields of a {@code start} frame's triage are named in an error: {@code triage.region}. */
    static final String START = "triage.";
    /** How the fields of a {@code directory} frame are named in an error: as in the frame, {@code region}. */
    static final String TOP_LEVEL = "";

    private TriageFrame() {
    }

    /** Reads the triage fields of {@code triage}; a wrong one is an {@code invalid} error naming it after prefix. */
    static Triage parse(JsonObject triage, String prefix) {
        Role role = Fields.optionalString(triage, prefix, "role")
                .map(value -> Role.fromWire(value).orElseThrow(() -> ProtocolException.invalid(prefix + "role",
                        prefix + "role must be victim, witness, relative, professional or perpetrator")))
                .orElse(null);
        try {
            return new Triage(Optional.ofNullable(role), Fields.optionalString(triage, prefix, "language"),
                    Fields.optionalString(triage, prefix, "region"), Fields.optionalString(triage, prefix, "topic"),
                    Fields.flag(triage, prefix, "childrenInvolved"), Fields.flag(triage, prefix, "inDanger"));
        } catch (Triage.InvalidTriage e) {
            throw ProtocolException.invalid(prefix + e.field(), prefix + e.field() + " must be " + e.expected());
        }
    }

    /**
     * The {@code pageLanguage} of a {@code start} frame: the language the visitor's page was shown in, a hint apart
     * from the triage's language (which the visitor chose, or left unspecified). Same shape as a triage language.
     */
    static Optional<String> pageLanguage(JsonObject start) {
        Optional<String> language = Fields.optionalString(start, "", "pageLanguage");
        try {
            new Triage(Optional.empty(), language, Optional.empty(), Optional.empty(), false, false);
        } catch (Triage.InvalidTriage e) {
            throw ProtocolException.invalid("pageLanguage", "pageLanguage must be an ISO 639 code such as fr or en");
        }
        return language;
    }

    static JsonObject encode(Triage triage) {
        JsonObject json = new JsonObject();
        triage.role().ifPresent(role -> json.put("role", role.wireName()));
        triage.language().ifPresent(value -> json.put("language", value));
        triage.region().ifPresent(value -> json.put("region", value));
        triage.topic().ifPresent(value -> json.put("topic", value));
        return json.put("childrenInvolved", triage.childrenInvolved()).put("inDanger", triage.inDanger());
    }
}
