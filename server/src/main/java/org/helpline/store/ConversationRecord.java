package org.helpline.store;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Role;
import org.helpline.domain.Triage;

/**
 * A conversation's state as stored in its Redis hash (without the transcript). {@code pageLanguage} is the language of
 * the visitor's page when they started, a hint for the console when the triage gives no language. {@code endedBy} is
 * who ended it ({@code visitor}, {@code counsellor} or {@code timeout}), once it has ended, and {@code endedAt} when
 * (ms, 0 while open). {@code awaySeq} is the {@code seq} the chat had reached when its visitor last left (-1 while
 * she is in it; kept after the end: what came after, she never saw). {@code dangerAt} is when it was last raised to
 * the danger priority with supervisors told (ms, 0 when never). {@code alternativesAt} is when she was first shown a
 * line of the directory open for her need (ms; 0 when none so far, only the emergency numbers). {@code resumeCode}
 * is the resume code (normalised) while the chat is open, given back to the visitor's page on a resume by secret (the
 * page keeps it in memory only); empty once the chat ended, and when this node cannot open it (a dropped data key).
 * {@code notAChat}: it ended as a start whose visitor never got it (no wrap-up followed, nothing was counted).
 */
public record ConversationRecord(String id, ConversationStatus status, Triage triage, long createdAt,
                                 String secretDigest, Optional<String> counsellorId,
                                 Optional<String> counsellorName, Optional<String> associationId,
                                 Optional<String> offeredTo, long offerVersion, int step, long lastSeq,
                                 Optional<String> visitorAway, long visitorAwaySince, long awaySeq,
                                 Optional<String> pageLanguage, Optional<String> endedBy, long endedAt,
                                 long dangerAt, long alternativesAt, Optional<String> resumeCode,
                                 boolean erased, boolean notAChat) {

    static ConversationRecord fromHash(String id, Map<String, String> hash) {
        Triage triage = triage(hash);
        return new ConversationRecord(id, ConversationStatus.fromWire(hash.get("status")), triage,
                number(hash, "createdAt"), hash.getOrDefault("secret", ""),
                text(hash, "counsellor"), text(hash, "counsellorName"), text(hash, "association"),
                text(hash, "offeredTo"), number(hash, "offerVersion"), (int) number(hash, "step"),
                number(hash, "seq"), text(hash, "visitorAway"), number(hash, "visitorAwaySince"),
                text(hash, "awaySeq").map(Long::parseLong).orElse(-1L),
                text(hash, "pageLanguage"), text(hash, "endedBy"), number(hash, "endedAt"), number(hash, "dangerAt"),
                text(hash, "alternativesAt").map(Long::parseLong).orElse(0L), text(hash, "resumeCodeSealed"),
                "1".equals(hash.get("erased")), "1".equals(hash.get("notAChat")));
    }

    /**
     * The triage codes as stored (role, language, region, topic, children and danger as "1"), as staff are shown
     * them: in danger when she said so ({@code dangerSaid}, at the start or with the button), whether or not her chat
     * has the queue's danger priority ({@code danger}: a further chat of the same client waits its turn).
     */
    static Triage triage(Map<String, String> hash) {
        return new Triage(Role.fromWire(hash.getOrDefault("role", "")), text(hash, "language"),
                text(hash, "region"), text(hash, "topic"), "1".equals(hash.get("children")),
                "1".equals(hash.get("danger")) || "1".equals(hash.get("dangerSaid")));
    }

    /** The same codes as returned in JSON by the queue scripts. */
    static Triage triage(JsonObject json) {
        return triage(Map.of("role", json.getString("role", ""), "language", json.getString("language", ""),
                "region", json.getString("region", ""), "topic", json.getString("topic", ""),
                "children", json.getBoolean("children", false) ? "1" : "0",
                "danger", json.getBoolean("danger", false) ? "1" : "0"));
    }

    /**
     * Whether {@code counsellor} holds the chat, or held it when it ended: hers to act on after the end too (record an
     * outcome, block its client, escalate what the visitor said before she left).
     */
    public boolean heldOrEndedWith(String counsellor) {
        return counsellorId.filter(counsellor::equals).isPresent()
                && (status == ConversationStatus.ACTIVE || status == ConversationStatus.ENDED);
    }

    /** Who holds the conversation now: its counsellor when active, the counsellor offered it when offered. */
    public Optional<String> holder() {
        return switch (status) {
            case ACTIVE -> counsellorId;
            case OFFERED -> offeredTo;
            default -> Optional.empty();
        };
    }

    private static long number(Map<String, String> hash, String field) {
        return Long.parseLong(hash.getOrDefault(field, "0"));
    }

    private static Optional<String> text(Map<String, String> hash, String field) {
        return Optional.ofNullable(hash.get(field)).filter(value -> !value.isEmpty());
    }
}
