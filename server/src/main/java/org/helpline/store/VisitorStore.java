package org.helpline.store;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.helpline.config.Limits;

/**
 * The visitor's presence on a conversation and their resume code, in Redis. Presence follows the last socket that
 * attached; when that socket leaves, the visitor is away and a hold deadline ({@link Deadline#hold}) gives them time
 * to come back before the conversation ends.
 */
public final class VisitorStore {
    /** The list of a conversation's visitor sockets, and the count of its visitor messages, outlive any chat. */
    static final Duration KEPT = Duration.ofDays(2);

    private final Scripts scripts;
    private final Clock clock;
    private final Duration hold;
    private final Limits limits;

    public VisitorStore(Scripts scripts, Clock clock, Duration hold, Limits limits) {
        this.scripts = scripts;
        this.clock = clock;
        this.hold = hold;
        this.limits = limits;
    }

    /**
     * This socket now holds the visitor's presence; when {@code replaceOthers}, their other sockets are told to close,
     * and beyond {@code limits.socketsPerConversation} the oldest are. Answers whether the visitor came back from
     * being away, and why they had been away.
     */
    public Future<VisitorAttachment> attach(String conversationId, String socketId, boolean replaceOthers) {
        return scripts.text(Scripts.VISITOR_ATTACH.call().key("conversation", Keys.conversation(conversationId))
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .key("sockets", Keys.visitorSockets(conversationId)).key("queue", Keys.QUEUE)
                .arg("conversationId", conversationId).arg("socketId", socketId)
                .arg("routingChannel", Keys.ROUTING_CHANNEL)
                .arg("holdDeadline", Deadline.hold(conversationId).member())
                .arg("conversationChannel", Keys.conversationChannel(conversationId)).arg("now", clock.millis())
                .arg("replaceOthers", replaceOthers).arg("maxSockets", limits.socketsPerConversation())
                .arg("keepSockets", KEPT.toSeconds())
                .arg("startDeadline", Deadline.start(conversationId).member())
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX)
                .arg("recheck", ClientStore.DANGER_RECHECK.toMillis())).map(reply -> switch (reply) {
                    case "ended" -> VisitorAttachment.Plain.CONVERSATION_ENDED;
                    case "" -> VisitorAttachment.Plain.ATTACHED;
                    default -> new VisitorAttachment.CameBack(AwayReason.fromWire(reply));
                });
    }

    /** The socket left; the visitor is away only if it held the presence. */
    public Future<VisitorDeparture> away(String conversationId, String socketId, AwayReason reason) {
        return scripts.text(Scripts.VISITOR_AWAY.call().key("conversation", Keys.conversation(conversationId))
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS)
                .key("sockets", Keys.visitorSockets(conversationId)).key("queue", Keys.QUEUE)
                .arg("conversationId", conversationId).arg("socketId", socketId).arg("reason", reason.wireName())
                .arg("now", clock.millis()).arg("hold", hold.toMillis())
                .arg("holdDeadline", Deadline.hold(conversationId).member())
                .arg("conversationChannel", Keys.conversationChannel(conversationId))).map(reply -> switch (reply) {
                    case "away" -> VisitorDeparture.AWAY;
                    case "not_present" -> VisitorDeparture.NOT_PRESENT;
                    case "ended" -> VisitorDeparture.CONVERSATION_ENDED;
                    default -> throw new IllegalStateException("visitor_away answered " + reply);
                });
    }

    /** The conversation a resume code leads to, which gets the new secret; empty when the code leads nowhere. */
    public Future<Optional<String>> resumeByCode(String codeDigest, String newSecretDigest) {
        return scripts.text(Scripts.RESUME_BY_CODE.call().key("resumeCode", Keys.resumeCode(codeDigest))
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX).arg("secretDigest", newSecretDigest))
                .map(Optional::ofNullable);
    }
}
