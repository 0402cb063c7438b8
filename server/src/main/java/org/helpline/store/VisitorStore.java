package org.helpline.store;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.helpline.config.Limits;
import org.helpline.domain.ClientKey;

/**
 * The visitor's presence on a conversation and their resume code, in Redis. Presence follows the last socket that
 * attached; when that socket leaves, the visitor is away and a hold deadline ({@link Deadline#hold}) gives them time
 * to come back before the conversation ends.
 */
public final class VisitorStore {
    /** The list of a conversation's visitor sockets, and the count of its visitor messages, outlive any chat. */
    static final Duration KEPT = Duration.ofDays(2);
    /** How long after a gone node's deadline fired it fires again while monitorings of the node are left to end. */
    static final Duration MONITORINGS_RETRY = Duration.ofSeconds(10);
    /** The minute of a client key's wrong resume codes, from its first. */
    static final Duration WRONG_CODES_WINDOW = Duration.ofMinutes(1);

    private final Scripts scripts;
    private final Clock clock;
    private final Duration hold;
    private final Limits limits;
    private final String nodeId;

    /** {@code nodeId}: this node's, drawn at its start. */
    public VisitorStore(Scripts scripts, Clock clock, Duration hold, Limits limits, String nodeId) {
        this.scripts = scripts;
        this.clock = clock;
        this.hold = hold;
        this.limits = limits;
        this.nodeId = nodeId;
    }

    /** Renews this node's lease; answers whether none was running (its first renewal, or one after it ran out). */
    public Future<Boolean> renewNode(Duration lease) {
        return scripts.text(Scripts.RENEW_NODE.call().key("deadlines", Keys.DEADLINES)
                .key("deadlineStats", Keys.DEADLINE_STATS).key("nodeLease", Keys.nodeLease(nodeId))
                .key("nodeVisitors", Keys.nodeVisitors(nodeId)).key("nodeMonitorings", Keys.nodeMonitorings(nodeId))
                .arg("nodeDeadline", Deadline.node(nodeId).member()).arg("lease", lease.toMillis())
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX))
                .map("lapsed"::equals);
    }

    /**
     * Fires a node's deadline: the node still holds its lease, or it is gone and the visitors its sockets held are
     * away; answers how many, and the monitorings its supervisor sockets still held, for the caller to end (the
     * deadline fires again while any is left).
     */
    public Future<GoneNode> nodeGone(Deadline deadline) {
        String node = deadline.subject();
        return scripts.list(Scripts.NODE_GONE.call().key("deadlines", Keys.DEADLINES)
                .key("deadlineStats", Keys.DEADLINE_STATS).key("nodeVisitors", Keys.nodeVisitors(node))
                .key("nodeLease", Keys.nodeLease(node)).key("queue", Keys.QUEUE)
                .key("nodeMonitorings", Keys.nodeMonitorings(node)).arg("firedDeadline", deadline.member())
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX)
                .arg("conversationChannelPrefix", Keys.CONVERSATION_CHANNEL_PREFIX).arg("now", clock.millis())
                .arg("hold", hold.toMillis()).arg("retryAfter", MONITORINGS_RETRY.toMillis()))
                .map(reply -> "gone".equals(reply.get(0)) ? new GoneNode(((Number) reply.get(1)).longValue(),
                        reply.stream().skip(2).map(String::valueOf).map(NodeMonitoring::parse)
                                .flatMap(Optional::stream).toList()) : GoneNode.NONE);
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
                .key("nodeVisitors", Keys.nodeVisitors(nodeId))
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
                .key("nodeVisitors", Keys.nodeVisitors(nodeId))
                .arg("conversationId", conversationId).arg("socketId", socketId).arg("reason", reason.wireName())
                .arg("now", clock.millis()).arg("hold", hold.toMillis())
                .arg("conversationChannel", Keys.conversationChannel(conversationId))).map(reply -> switch (reply) {
                    case "away" -> VisitorDeparture.AWAY;
                    case "not_present" -> VisitorDeparture.NOT_PRESENT;
                    case "ended" -> VisitorDeparture.CONVERSATION_ENDED;
                    default -> throw new IllegalStateException("visitor_away answered " + reply);
                });
    }

    /**
     * A quick exit told with the conversation's secret rather than by a socket: the secret is retired and the visitor
     * of an open chat is away ({@code quick_exit}) whichever socket held her presence. Answers whether the secret was
     * the conversation's.
     */
    public Future<Boolean> quickExitBySecret(String conversationId, String secretDigest) {
        return scripts.text(Scripts.QUICK_EXIT_BY_SECRET.call().key("conversation", Keys.conversation(conversationId))
                .key("deadlines", Keys.DEADLINES).key("deadlineStats", Keys.DEADLINE_STATS).key("queue", Keys.QUEUE)
                .arg("conversationId", conversationId).arg("secretDigest", secretDigest).arg("now", clock.millis())
                .arg("hold", hold.toMillis()).arg("conversationChannel", Keys.conversationChannel(conversationId)))
                .map(reply -> !"not_found".equals(reply));
    }

    /**
     * The conversation a resume code leads to, which gets the new secret; a code that leads nowhere is counted against
     * {@code client}, which may try {@code wrongCodesPerMinute} of them a minute (beyond, no code is looked up).
     */
    public Future<CodeLookup> resumeByCode(String codeDigest, String newSecretDigest, ClientKey client,
                                           int wrongCodesPerMinute) {
        return scripts.list(Scripts.RESUME_BY_CODE.call().key("resumeCode", Keys.resumeCode(codeDigest))
                .key("wrongCodes", Keys.client(client, "codes"))
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX).arg("secretDigest", newSecretDigest)
                .arg("limit", wrongCodesPerMinute).arg("window", WRONG_CODES_WINDOW.toSeconds()))
                .map(reply -> switch (String.valueOf(reply.get(0))) {
                    case "found" -> new CodeLookup.Found(String.valueOf(reply.get(1)));
                    case "wrong" -> CodeLookup.Missed.WRONG;
                    case "limited" -> CodeLookup.Missed.TOO_MANY_WRONG;
                    default -> throw new IllegalStateException("resume_by_code answered " + reply.get(0));
                });
    }
}
