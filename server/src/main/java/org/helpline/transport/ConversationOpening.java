package org.helpline.transport;

import io.vertx.core.Future;
import java.util.Optional;
import org.helpline.auth.Digests;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.config.AbuseSettings;
import org.helpline.domain.ClientKey;
import org.helpline.domain.Triage;
import org.helpline.store.ChatAdmission;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.DangerClaim;

/**
 * {@code start}: a new conversation with a random reference, a resume secret and a short resume code (stored as
 * digests only), queued with the visitor's triage. The node's ceiling and the client key's hour (or block) may refuse
 * it ({@code chat_unavailable}, the same whatever the reason); a client key's second waiting chat in danger queues as
 * normal, grouped under its first.
 */
final class ConversationOpening {
    private static final int CODE_ATTEMPTS = 3;

    private final ConversationStore conversations;
    private final ClientStore clients;
    private final AbuseSettings abuse;
    private final ChatCeiling ceiling;

    ConversationOpening(ConversationStore conversations, ClientStore clients, AbuseSettings abuse) {
        this.conversations = conversations;
        this.clients = clients;
        this.abuse = abuse;
        this.ceiling = new ChatCeiling(abuse.chatsPerNodePerMinute());
    }

    /**
     * What the visitor is given, once, in {@code started}; the triage it was queued with and, when the visitor said
     * they are in danger now, whether it has the danger priority.
     */
    record NewConversation(String id, String resumeSecret, String resumeCode, Triage triage,
                           Optional<DangerClaim> danger) {
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
        return clients.admit(client, id, abuse.chatsPerClientPerHour())
                .recover(failure -> {
                    ceiling.refund();
                    return Future.failedFuture(failure);
                })
                .compose(admission -> {
                    if (admission != ChatAdmission.ADMITTED) {
                        ceiling.refund(); // one client's refused flood does not use up the node's minute
                        throw new ProtocolException(ProtocolError.CHAT_UNAVAILABLE);
                    }
                    return asked.inDanger() ? clients.claimDanger(client, id).map(Optional::of)
                            : Future.succeededFuture(Optional.<DangerClaim>empty());
                })
                .compose(danger -> {
                    boolean grouped = danger.filter(DangerClaim.Grouped.class::isInstance).isPresent();
                    Triage triage = grouped ? asked.withoutDanger() : asked;
                    return create(id, triage, pageLanguage, secret, asked.inDanger(), CODE_ATTEMPTS)
                            .recover(failure -> {
                                abandon(id); // its reply lost, it may have run: erased behind it, else by its deadline
                                return Future.failedFuture(failure);
                            })
                            .map(code -> new NewConversation(id, secret, code, triage, danger));
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

    /** A new conversation with a fresh resume code; a code already in use (rare: 60 bits) is drawn again. */
    private Future<String> create(String id, Triage triage, Optional<String> pageLanguage, String secret,
                                  boolean dangerSaid, int attempts) {
        String code = ResumeCode.generate();
        return conversations.create(id, triage, pageLanguage, Digests.sha256(secret), ResumeCode.digest(code),
                        dangerSaid)
                .compose(created -> created ? Future.succeededFuture(code)
                        : attempts > 1 ? create(id, triage, pageLanguage, secret, dangerSaid, attempts - 1)
                        : Future.failedFuture(new IllegalStateException("resume code collisions")));
    }
}
