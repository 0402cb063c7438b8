package org.helpline.transport;

import io.vertx.core.Future;
import org.helpline.auth.Digests;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationStore;

/**
 * {@code start}: a new conversation with a random reference, a resume secret and a short resume code (stored as
 * digests only), queued with the visitor's triage.
 */
final class ConversationOpening {
    private static final int CODE_ATTEMPTS = 3;

    private final ConversationStore conversations;

    ConversationOpening(ConversationStore conversations) {
        this.conversations = conversations;
    }

    /** What the visitor is given, once, in {@code started}. */
    record NewConversation(String id, String resumeSecret, String resumeCode) {
    }

    Future<NewConversation> open(Triage triage) {
        String id = Secrets.random(16);
        String secret = Secrets.random(32);
        return create(id, triage, secret, CODE_ATTEMPTS).map(code -> new NewConversation(id, secret, code));
    }

    /**
     * The socket went before the visitor got the conversation's secret and code (a quick exit right after "Start"):
     * nobody can ever continue it, so it is erased at once rather than left for a counsellor to find empty.
     */
    Future<Void> abandon(String id) {
        return conversations.erase(id).mapEmpty();
    }

    /** A new conversation with a fresh resume code; a code already in use (rare: 60 bits) is drawn again. */
    private Future<String> create(String id, Triage triage, String secret, int attempts) {
        String code = ResumeCode.generate();
        return conversations.create(id, triage, Digests.sha256(secret), ResumeCode.digest(code))
                .compose(created -> created ? Future.succeededFuture(code)
                        : attempts > 1 ? create(id, triage, secret, attempts - 1)
                        : Future.failedFuture(new IllegalStateException("resume code collisions")));
    }
}
