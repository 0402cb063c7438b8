package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.ClientKey;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.Triage;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;

/**
 * What keeps a waiting or talking visitor safe besides the chat: the hotlines open now for their need
 * ({@code alternatives}), "in danger now" ({@code danger}: top priority, supervisors alerted, the emergency numbers
 * again), the line they took ({@code took_alternative}) and a place they chose to share ({@code share_location}).
 */
final class SafetyFrames {
    static final int MAX_LOCATION_CHARS = 300;

    private final ConversationStore conversations;
    private final ClientStore clients;
    private final WaitingLines lines;
    private final HotlineDirectory directory;
    private final Clock clock;

    SafetyFrames(ConversationStore conversations, ClientStore clients, WaitingLines lines, HotlineDirectory directory,
                 Clock clock) {
        this.conversations = conversations;
        this.clients = clients;
        this.lines = lines;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The {@code alternatives} shown to a visitor whose chat just started, with the lines its start was shown
     * ({@link #openLines}), in the language of her triage, else of her page (a socket that attaches to her waiting
     * chat later shows her those of {@link WaitingLines#attached}).
     */
    JsonObject waitingAlternatives(ConversationOpening.NewConversation opened) {
        return HotlineFrames.alternatives(opened.id(), WaitingLines.WAITING, opened.triage(), opened.pageLanguage(),
                opened.lines(), directory.current(), clock.instant());
    }

    /** The lines of the directory open now for this need (none: only the emergency numbers are shown). */
    List<Hotline> openLines(Triage triage) {
        return directory.current().openFor(triage, clock.instant());
    }

    /**
     * The {@code alternatives} shown to a visitor whose {@code start} was refused ({@code chat_unavailable}), in the
     * language of her triage, else of the page that sent it ({@code pageLanguage}).
     */
    JsonObject refusedAlternatives(Triage triage, Optional<String> pageLanguage) {
        return HotlineFrames.alternatives(null, "unavailable", triage, pageLanguage, directory.current(),
                clock.instant());
    }

    /**
     * "In danger now": top priority at once, supervisors alerted; answers with the emergency numbers again, and the
     * lines open for her need (recorded as shown when they are the first her waiting chat is shown). While another
     * chat of the same client key waits in danger, this one keeps its place and that one's alert its count, until that
     * one no longer waits: then the key's danger deadline raises this one in its turn. A chat started beyond its /48's
     * chats of the hour gets the numbers only, and {@code alerted: false} says so (as for an ended chat), so that her
     * page does not tell her that her alert was sent. Claimed under the key that started the chat (a chat resumed from
     * elsewhere is still that client's); {@code client}, the socket's, only once that key is no longer remembered.
     */
    Future<JsonObject> danger(String conversation, ClientKey client) {
        return clients.clientOf(conversation)
                .compose(started -> clients.claimDanger(started.orElse(client), conversation))
                .compose(claim -> conversations.find(conversation).compose(found -> {
                    boolean alerted = claim.alerted() && found
                            .filter(record -> record.status() != ConversationStatus.ENDED).isPresent();
                    Triage triage = found.map(ConversationRecord::triage).orElse(Triage.none());
                    Instant now = clock.instant();
                    Directory current = directory.current();
                    List<Hotline> open = current.openFor(triage, now);
                    JsonObject frame = HotlineFrames.alternatives(conversation, "danger", triage,
                            found.flatMap(ConversationRecord::pageLanguage), open, current, now)
                            .put("alerted", alerted);
                    return found.map(record -> lines.shownWithDanger(record, open))
                            .orElseGet(Future::succeededFuture).map(frame);
                }));
    }

    /** The visitor took one of the hotlines shown to them (a tap on its number). */
    Future<Void> tookAlternative(String conversation, JsonObject frame) {
        String hotline = Fields.string(frame, "hotline", 64);
        if (directory.current().hotline(hotline).isEmpty()) {
            throw ProtocolException.invalid("hotline", "no hotline has this id");
        }
        return conversations.redirected(conversation, hotline);
    }

    /** A place the visitor chose to share after an explicit consent step on their page; kept with the chat only. */
    Future<Void> shareLocation(String conversation, JsonObject frame) {
        return conversations.shareLocation(conversation, Fields.string(frame, "location", MAX_LOCATION_CHARS))
                .map(stored -> {
                    if (!stored) { // kept nowhere: an ended chat's record is not written again
                        throw new ProtocolException(ProtocolError.CONVERSATION_ENDED);
                    }
                    return null;
                });
    }
}
