package org.helpline.transport;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.helpline.domain.Role;
import org.helpline.domain.Triage;

/** The triage object of a {@code start} frame, and the triage shown to the counsellor. */
final class TriageFrame {
    private TriageFrame() {
    }

    static Triage parse(JsonObject triage) {
        String prefix = "triage.";
        Role role = Fields.optionalString(triage, prefix, "role")
                .map(value -> Role.fromWire(value).orElseThrow(() -> ProtocolException.invalid("triage.role",
                        "triage.role must be victim, witness, relative, professional or perpetrator")))
                .orElse(null);
        try {
            return new Triage(Optional.ofNullable(role), Fields.optionalString(triage, prefix, "language"),
                    Fields.optionalString(triage, prefix, "region"), Fields.optionalString(triage, prefix, "topic"),
                    Fields.flag(triage, prefix, "childrenInvolved"), Fields.flag(triage, prefix, "inDanger"));
        } catch (Triage.InvalidTriage e) {
            throw ProtocolException.invalid("triage." + e.field(), e.getMessage());
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
