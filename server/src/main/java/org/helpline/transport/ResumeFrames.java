package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.helpline.auth.Digests;
import org.helpline.auth.ResumeCode;
import org.helpline.auth.Secrets;
import org.helpline.domain.ClientKey;
import org.helpline.domain.ConversationStatus;
import org.helpline.store.CodeLookup;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.VisitorStore;

/**
 * {@code resume}: a visitor comes back to their conversation with its reference and resume secret (same browser), or
 * with the short resume code (any browser). A code gives the conversation a new secret, sent in {@code resumed}, and
 * replaces the visitor's other sockets. A resume by secret of an open chat is given its code again, for her page to
 * show: the page keeps the code in memory only, never in the session storage it reloads from (the browser writes that
 * to its disk). Wrong codes count against the client key's budget of failed look-ups, on every node (so one client
 * cannot lock others out of resuming by code). A chat that ended longer ago than the visitor's hold is resumed with
 * only the messages she never saw (those after she last left, when she was away at its end), and without its
 * counsellor when there are none: the page forgets its secret when it sees the end, so whoever holds it then read it
 * out of what the browser wrote to its disk, or restored a crashed browser's tab. She may still delete it.
 */
final class ResumeFrames {
    /** Resumes of one conversation a minute, all its sockets together: a flaky phone reconnects a few times. */
    static final int RESUMES_PER_MINUTE = 30;
    private final ConversationStore conversations;
    private final VisitorStore visitors;
    private final int wrongCodesPerMinute;
    private final VisitorFrames frames;
    /** How long after its end a chat's messages are still given to a resume (the visitor's hold). */
    private final Duration messagesAfterEnd;
    private final Clock clock;

    ResumeFrames(ConversationStore conversations, VisitorStore visitors, int wrongCodesPerMinute,
                 VisitorFrames frames, Duration messagesAfterEnd, Clock clock) {
        this.conversations = conversations;
        this.visitors = visitors;
        this.wrongCodesPerMinute = wrongCodesPerMinute;
        this.frames = frames;
        this.messagesAfterEnd = messagesAfterEnd;
        this.clock = clock;
    }

    /**
     * Where a resume leads: the conversation as stored, the {@code resumed} header, whether others are replaced, and
     * the {@code seq} after which its messages are given, whatever the resume asked.
     */
    record Resumption(ConversationRecord record, JsonObject header, boolean replaceOthers, long messagesAfter) {
        /** The {@code seq} after which messages are given, for a resume that asked for those after {@code asked}. */
        long after(long asked) {
            return Math.max(asked, messagesAfter);
        }
    }

    /** A resume with the conversation's reference and secret; {@code not_found} when they do not match. */
    Future<Resumption> bySecret(String conversation, String secret) {
        return conversations.find(conversation).map(found -> found.filter(record -> secretMatches(record, secret))
                .map(this::resumption)
                .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_FOUND))).compose(this::counted);
    }

    /** Where a resume by secret leads: its code again while the chat is open, and what she never saw long after. */
    private Resumption resumption(ConversationRecord record) {
        JsonObject header = frames.resumed(record, null);
        boolean ended = record.status() == ConversationStatus.ENDED;
        if (!ended) { // an ended chat's code leads nowhere: it is gone
            record.resumeCode().ifPresent(code -> header.put("resumeCode", ResumeCode.display(code)));
        }
        if (!ended || clock.millis() - record.endedAt() <= messagesAfterEnd.toMillis()) {
            return new Resumption(record, header, false, 0);
        }
        long unseenAfter = record.awaySeq() >= 0 ? record.awaySeq() : record.lastSeq();
        if (unseenAfter >= record.lastSeq()) {
            header.remove("counsellor"); // nothing of the chat to show: not who answered it either
        }
        return new Resumption(record, header, false, unseenAfter);
    }

    /**
     * Each resume reads the history after its {@code afterSeq}: a conversation resumed by its secret more than
     * {@link #RESUMES_PER_MINUTE} times this minute (a script on socket after socket) is refused, {@code rate_limited}.
     * (A resume by code is not counted: it gives the chat a new secret before its conversation is known, and a refusal
     * after that would leave the visitor's tab with a dead one; the codes have their own limits.)
     */
    private Future<Resumption> counted(Resumption found) {
        return conversations.countResume(found.record().id()).map(count -> {
            if (count > RESUMES_PER_MINUTE) {
                throw new ProtocolException(ProtocolError.RATE_LIMITED,
                        "This conversation was resumed too often this minute; try again in a moment.", null);
            }
            return found;
        });
    }

    /** A resume with the short code: empty when the code leads nowhere (a wrong code, counted). */
    Future<Optional<Resumption>> byCode(String code, ClientKey client) {
        String secret = Secrets.random(32);
        return visitors.resumeByCode(ResumeCode.digest(code), Digests.sha256(secret), client, wrongCodesPerMinute)
                .compose(lookup -> {
                    if (lookup == CodeLookup.Missed.TOO_MANY_WRONG) {
                        throw new ProtocolException(ProtocolError.RATE_LIMITED,
                                "Too many wrong resume codes lately; try again in a minute.", null);
                    }
                    if (!(lookup instanceof CodeLookup.Found found)) {
                        return Future.succeededFuture(Optional.<Resumption>empty());
                    }
                    return conversations.find(found.conversation()).map(record -> record
                            .map(stored -> new Resumption(stored, frames.resumed(stored, secret), true, 0))
                            .orElseThrow(() -> new ProtocolException(ProtocolError.NOT_FOUND)))
                            .map(Optional::of);
                });
    }

    private static boolean secretMatches(ConversationRecord record, String secret) {
        byte[] expected = record.secretDigest().getBytes(StandardCharsets.US_ASCII);
        byte[] given = Digests.sha256(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
