package org.helpline.store;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import org.helpline.auth.ResumeCode;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.ClientKey;
import org.helpline.domain.QueuePriority;
import org.helpline.domain.Triage;

/**
 * A visitor's start of a chat in one script, so one round trip: her client key's admission (its block, its hour's
 * chats, its chats waiting at once), the danger priority when she said she is in danger now, and the new
 * conversation, waiting in the queue with its resume code (its digest, which leads to the conversation, and the code
 * itself sealed, given back to the visitor's page on a resume by secret while the chat is open) and the clock of its
 * first routing step.
 */
public final class ChatStartStore {
    /**
     * How long a new conversation waits for its visitor's first socket to attach before its start deadline erases it.
     * A start's attach follows its creation at once; this outlasts two replies at the longest command timeout the
     * settings allow (60 s), so only a start whose answer was lost is erased.
     */
    static final Duration ATTACH_WITHIN = Duration.ofMinutes(3);
    /** The window of a client key's and its network's chats counted: the clock's hour. */
    static final Duration HOUR = Duration.ofHours(1);
    /**
     * How far behind its age a chat queues when its network (an IPv6 /48) has started its hour's chats: after the
     * chats that arrive in the next ten minutes, never refused (a carrier's /48 holds thousands of subscribers).
     */
    static final Duration BEHIND_BY = Duration.ofMinutes(10);

    private final Scripts scripts;
    private final Clock clock;
    private final RoutingSettings routing;
    private final TranscriptCipher cipher;

    /** {@code cipher} seals the triage region and the resume code stored in Redis. */
    public ChatStartStore(Scripts scripts, Clock clock, RoutingSettings routing, TranscriptCipher cipher) {
        this.scripts = scripts;
        this.clock = clock;
        this.routing = routing;
        this.cipher = cipher;
    }

    /** Starts the chat with the resume code {@code code} (normalised), unless that code is in use. */
    public Future<StartOutcome> start(ChatStart start, String code) {
        String codeDigest = ResumeCode.digest(code);
        long now = clock.millis();
        String id = start.id();
        Triage triage = start.triage();
        ClientKey client = start.client();
        String firstStepEnds = routing.steps().size() > 1
                ? Long.toString(now + routing.steps().get(0).timeout().toMillis()) : "";
        return scripts.list(ClientStore.dangerClaims(Scripts.START_CHAT.call(), client.value())
                        .key("conversation", Keys.conversation(id))
                        .key("queue", Keys.QUEUE).key("deadlines", Keys.DEADLINES)
                        .key("deadlineStats", Keys.DEADLINE_STATS)
                        .key("resumeCode", Keys.resumeCode(codeDigest))
                        .key("block", Keys.client(client, "block")).key("chats", Keys.client(client, "chats"))
                        .key("networkChats", Keys.network(client, "chats"))
                        .key("waitingChats", Keys.client(client, "waiting"))
                        .key("conversationClient", Keys.conversationClient(id))
                        .arg("conversationId", id)
                        .arg("score", score(triage, now))
                        .arg("groupedScore", score(triage.withoutDanger(), now))
                        .arg("createdAt", now).arg("secretDigest", start.secretDigest())
                        .arg("role", triage.role().map(role -> role.wireName()).orElse(""))
                        .arg("language", triage.language().orElse(""))
                        .arg("region", triage.region().map(cipher::seal).orElse(""))
                        .arg("topic", triage.topic().orElse("")).arg("children", triage.childrenInvolved())
                        .arg("dangerSaid", triage.inDanger()).arg("routingChannel", Keys.ROUTING_CHANNEL)
                        .arg("firstStepEndsAt", firstStepEnds).arg("firstStepDeadline", Deadline.step(id, 0).member())
                        .arg("codeDigest", codeDigest).arg("resumeCodeSealed", cipher.seal(code))
                        .arg("pageLanguage", start.pageLanguage().orElse(""))
                        .arg("startDeadline", Deadline.start(id).member())
                        .arg("attachWithin", ATTACH_WITHIN.toMillis())
                        .arg("clientKey", ClientStore.remembered(client)).arg("limit", start.chatsPerHour())
                        .arg("networkLimit", networkLimit(start)).arg("behindBy", BEHIND_BY.toMillis())
                        .arg("chatsWindow", HOUR.toSeconds())
                        .arg("remember", ClientStore.REMEMBERED.toSeconds())
                        .arg("supervisorsChannel", Keys.SUPERVISORS_CHANNEL).arg("linesShown", start.linesShown()))
                .map(StartOutcome::fromScript);
    }

    /** The network's hour's limit, or nothing for a key that is its own network (counted once, as a client). */
    private static String networkLimit(ChatStart start) {
        return start.client().inWiderNetwork() ? Integer.toString(start.chatsPerNetworkPerHour()) : "";
    }

    private long score(Triage triage, long now) {
        return (long) QueuePriority.score(triage, now, routing.priority());
    }
}
