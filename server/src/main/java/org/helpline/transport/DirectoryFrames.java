package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;

/**
 * {@code directory}: a console searches the hotline directory, by the triage of a conversation when one is given (one
 * it shows, or one its counsellor held when it ended), otherwise by the frame's {@code role}, {@code topic},
 * {@code region}, {@code language}: the lines open now that fit it ({@link Directory#openFor}), or with
 * {@code openNow} false the lines that fit it open or not ({@link Directory#linesFor}), each saying whether it is open.
 */
final class DirectoryFrames {
    private final ConversationStore conversations;
    private final HotlineDirectory directory;
    private final Clock clock;

    DirectoryFrames(ConversationStore conversations, HotlineDirectory directory, Clock clock) {
        this.conversations = conversations;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Answers with the {@code directory} frame; {@code conversation} is the one named, if any, and {@code known} its
     * triage as the console was given it when it shows the chat: the need when Redis cannot be read (an escalation
     * refused for an unknown country sends her here for the emergency numbers, and they must come). A chat her console
     * does not show must be hers as stored: held, or held when it ended.
     */
    Future<JsonObject> search(Counsellor who, Optional<String> conversation, Optional<Triage> known,
                              JsonObject frame) {
        Future<Triage> need = conversation.isPresent()
                ? conversations.find(conversation.get()).map(found -> {
                    if (known.isEmpty() && !found.filter(record -> record.heldOrEndedWith(who.id())).isPresent()) {
                        throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
                    }
                    return found.map(ConversationRecord::triage).orElse(Triage.none());
                }).recover(failure -> known.isEmpty() || failure instanceof ProtocolException
                        ? Future.failedFuture(failure) : Future.succeededFuture(known.get()))
                : Future.succeededFuture(TriageFrame.parse(frame, TriageFrame.TOP_LEVEL));
        boolean openNow = !Boolean.FALSE.equals(frame.getValue("openNow"));
        Optional<String> search = Fields.search(frame);
        return need.map(triage -> {
            Directory lines = directory.current();
            Instant now = clock.instant();
            List<Hotline> found = openNow ? lines.openFor(triage, now) : lines.linesFor(triage);
            String language = triage.textLanguage();
            JsonObject answer = new JsonObject().put("type", "directory")
                    .put("hotlines", HotlineFrames.encode(found, language, now))
                    .put("emergency", HotlineFrames.encode(lines.emergencies(triage.region()
                            .flatMap(lines::countryOf)), language, now));
            search.ifPresent(id -> answer.put("search", id));
            return answer;
        });
    }
}
