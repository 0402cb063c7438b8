package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.helpline.auth.Digests;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.config.AbuseSettings;
import org.helpline.domain.ClientKey;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Hotline;
import org.helpline.domain.Triage;
import org.helpline.store.ChatStart;
import org.helpline.store.ChatStartStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.DangerClaim;
import org.helpline.store.FailureLog;
import org.helpline.store.StartOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code start}: a new conversation with a random reference, a resume secret (stored as a digest only) and a short
 * resume code (stored as a digest, and sealed for her page's resumes by secret), queued with the visitor's triage.
 * The node's ceiling and the client key's hour (or block) may refuse it ({@code chat_unavailable}, the same whatever
 * the reason); a client key's second waiting chat in danger queues as normal, grouped under its first.
 */
final class ConversationOpening {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationOpening.class);
    private static final int CODE_ATTEMPTS = 3;

    private final ChatStartStore starts;
    private final ConversationStore conversations;
    private final AbuseSettings abuse;
    private final ChatCeiling ceiling;
    private final Function<Triage, List<Hotline>> openLines;

    /** {@code openLines}: the lines of the directory open now for a need (none: only the emergency numbers). */
    ConversationOpening(ChatStartStore starts, ConversationStore conversations, AbuseSettings abuse,
                        Function<Triage, List<Hotline>> openLines) {
        this.starts = starts;
        this.conversations = conversations;
        this.abuse = abuse;
        this.ceiling = new ChatCeiling(abuse.chatsPerNodePerMinute());
        this.openLines = openLines;
    }

    /**
     * What the visitor is given, once, in {@code started}, the triage it was queued with (without the danger when
     * another chat of the client key holds the danger priority), the language of her page, the lines open for her
     * need it was shown with, and what became of her danger claim when she started in danger.
     */
    record NewConversation(String id, String resumeSecret, String resumeCode, Triage triage,
                           Optional<String> pageLanguage, List<Hotline> lines, Optional<DangerClaim> danger) {
        /**
         * The {@code started} frame; {@code alerted} only when she started in danger: false when the supervisors were
         * not alerted (a start beyond its network's chats of the hour), so that her page does not say they were.
         */
        JsonObject startedFrame() {
            JsonObject started = new JsonObject().put("type", "started").put("conversation", id)
                    .put("resumeSecret", resumeSecret).put("resumeCode", ResumeCode.display(resumeCode))
                    .put("status", ConversationStatus.WAITING.wireName());
            danger.ifPresent(claim -> started.put("alerted", claim.alerted()));
            return started;
        }
    }

    /** A new conversation's random reference. */
    static String newId() {
        return Secrets.random(16);
    }

    /** Opens the conversation {@code id} (from {@link #newId}). */
    Future<NewConversation> open(String id, Triage asked, Optional<String> pageLanguage, ClientKey client) {
        if (!ceiling.tryStart()) {
            return Future.failedFuture(new ProtocolException(ProtocolError.CHAT_UNAVAILABLE));
        }
        String secret = Secrets.random(32);
        List<Hotline> lines = openLines.apply(asked);
        return start(new ChatStart(id, asked, pageLanguage, Digests.sha256(secret), client,
                        abuse.chatsPerClientPerHour(), abuse.chatsPerNetworkPerHour(), !lines.isEmpty()),
                CODE_ATTEMPTS)
                .recover(failure -> {
                    ceiling.refund(); // the visitor is told it failed, and it is erased if it ran
                    abandon(id).onFailure(lost -> FailureLog.log(LOG, "Erasing a start that failed", lost));
                    return Future.failedFuture(failure);
                })
                .compose(started -> {
                    if (started.outcome() instanceof StartOutcome.Started created) {
                        boolean grouped = created.danger().filter(claim -> !(claim instanceof DangerClaim.Granted))
                                .isPresent();
                        return Future.succeededFuture(new NewConversation(id, secret, started.code(),
                                grouped ? asked.withoutDanger() : asked, pageLanguage, lines, created.danger()));
                    }
                    ceiling.refund(); // one client's refused flood does not use up the node's minute
                    if (started.outcome() == StartOutcome.NotStarted.ID_TAKEN) { // another's chat: not abandoned
                        FailureLog.log(LOG, "Starting a chat", new IllegalStateException("conversation id collision"));
                    }
                    return Future.failedFuture(new ProtocolException(ProtocolError.CHAT_UNAVAILABLE));
                });
    }

    /**
     * The socket went before the visitor got the conversation's secret and code (a quick exit right after "Start"),
     * or the start failed after its creation was sent: nobody can ever continue it, so it is erased at once rather than
     * left for a counsellor to find empty. When Redis does not answer this either, the conversation's start deadline
     * erases it later (no socket of the visitor attached).
     */
    Future<Void> abandon(String id) {
        return conversations.abandon(id).mapEmpty();
    }

    /** A start's outcome and the resume code it was tried with. */
    private record Attempt(StartOutcome outcome, String code) {
    }

    /** A start with a fresh resume code; a code already in use (rare: 60 bits) is drawn again. */
    private Future<Attempt> start(ChatStart start, int attempts) {
        String code = ResumeCode.generate();
        return starts.start(start, code)
                .compose(outcome -> outcome != StartOutcome.NotStarted.CODE_TAKEN
                        ? Future.succeededFuture(new Attempt(outcome, code))
                        : attempts > 1 ? start(start, attempts - 1)
                        : Future.failedFuture(new IllegalStateException("resume code collisions")));
    }
}
