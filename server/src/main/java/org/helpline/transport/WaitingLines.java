package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.ConversationStatus;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.OverflowReason;
import org.helpline.domain.Triage;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.FailureLog;
import org.helpline.store.QueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines of the directory open for a waiting visitor's need, as she is shown them ({@code alternatives}): with her
 * start, on each socket that attaches to her waiting chat, then by {@link QueueUpdates} while she waits. Each of her
 * sockets keeps what it showed her last ({@link Shown}); her lines are looked at again once a minute whatever the
 * reason she waits (opening hours go by the minute), and a frame goes only when the reason no counsellor answers yet
 * or the open lines changed: a line that closed is not shown to her as open, one that opened is. The first time a chat
 * whose start was shown only the emergency numbers is shown a line, the conversation records it
 * ({@link ConversationStore#linesShown}), so that leaving unanswered counts as after an alternative
 * (docs/observatory.md): once for each socket at most, on the change from no line to some, never every tick.
 */
final class WaitingLines {
    static final String WAITING = "waiting";
    private static final Logger LOG = LoggerFactory.getLogger(WaitingLines.class);

    private final HotlineDirectory directory;
    private final ConversationStore conversations;
    private final Clock clock;

    WaitingLines(HotlineDirectory directory, ConversationStore conversations, Clock clock) {
        this.directory = directory;
        this.conversations = conversations;
        this.clock = clock;
    }

    /**
     * What one visitor socket showed her last: the ids of the lines shown as open, why no counsellor answered
     * ({@code null}: no reason, told as {@code waiting}), the minute they were last looked at, and whether her chat has
     * lines recorded as shown. Written by {@link QueueUpdates}'s ticks, one at a time (and whether lines are recorded
     * by the socket's attach too: the worst a race costs is a second call that writes nothing).
     */
    static final class Shown {
        private volatile List<String> lines;
        private volatile OverflowReason reason;
        private volatile long minute = Long.MIN_VALUE;
        private volatile boolean recorded;

        private Shown(List<Hotline> lines, boolean recorded) {
            this.lines = ids(lines);
            this.recorded = recorded;
        }

        /** True once: when {@code shownNow} are the first lines shown to a chat with none recorded. */
        private boolean firstLines(List<String> shownNow) {
            if (recorded || shownNow.isEmpty()) {
                return false;
            }
            recorded = true;
            return true;
        }
    }

    /** What a socket attaching to a chat shows her ({@code frame}, if any), and where its updates start. */
    record Attached(String conversation, Optional<JsonObject> frame, Shown shown) {
    }

    /** Where the updates of the socket that started her chat start: its {@code lines}, recorded with the start. */
    static Shown started(List<Hotline> lines) {
        return new Shown(lines, !lines.isEmpty());
    }

    /**
     * What a socket attaching to this chat shows her: while it waits (or is offered), the lines open now for her need
     * with reason {@code waiting}, as a start shows them, in the language she reads; nothing once it was answered or
     * ended.
     */
    Attached attached(ConversationRecord record) {
        boolean recorded = record.alternativesAt() > 0;
        if (!stillWaiting(record)) {
            return new Attached(record.id(), Optional.empty(), new Shown(List.of(), recorded));
        }
        Instant now = clock.instant();
        Directory current = directory.current();
        List<Hotline> open = current.openFor(record.triage(), now);
        return new Attached(record.id(), Optional.of(HotlineFrames.alternatives(record.id(), WAITING,
                record.triage(), record.pageLanguage(), open, current, now)), new Shown(open, recorded));
    }

    /** Sends what the attach shows her, and records its lines when they are the first her chat is shown. */
    void show(Attached attached, Consumer<JsonObject> send) {
        attached.frame().ifPresent(frame -> {
            send.accept(frame);
            recordIfFirst(attached.conversation(), attached.shown(), attached.shown().lines);
        });
    }

    /**
     * The lines "in danger now" showed her ({@code open}), recorded when they are the first her waiting chat is shown;
     * a failure to record is logged, not passed on (her answer must go).
     */
    Future<Void> shownWithDanger(ConversationRecord record, List<Hotline> open) {
        if (open.isEmpty() || record.alternativesAt() > 0 || !stillWaiting(record)) {
            return Future.succeededFuture();
        }
        return conversations.linesShown(record.id()).<Void>mapEmpty().recover(failure -> {
            FailureLog.log(LOG, "Recording the lines shown with 'in danger now'", failure);
            return Future.succeededFuture();
        });
    }

    /**
     * The {@code alternatives} to send her now, if any, with why no counsellor answers her yet ({@code reason};
     * {@code null}: none any more, told as {@code waiting}). Her lines are looked at once a minute, and when the
     * reason changed; the frame goes when the reason or the ids of the open lines changed. {@code openByNeed}: the
     * lines open now by need, worked out once for all the visitors of a tick.
     */
    Optional<JsonObject> update(Shown shown, QueueStore.QueuedConversation waiting, OverflowReason reason,
                                Instant now, Map<Triage, List<Hotline>> openByNeed) {
        long minute = now.getEpochSecond() / 60;
        if (reason == shown.reason && minute == shown.minute) {
            return Optional.empty();
        }
        Directory current = directory.current();
        List<Hotline> open = openByNeed.computeIfAbsent(waiting.triage(), need -> current.openFor(need, now));
        List<String> ids = ids(open);
        shown.minute = minute;
        if (reason == shown.reason && ids.equals(shown.lines)) {
            return Optional.empty();
        }
        shown.reason = reason;
        shown.lines = ids;
        recordIfFirst(waiting.id(), shown, ids);
        return Optional.of(HotlineFrames.alternatives(waiting.id(), reason == null ? WAITING : reason.wireName(),
                waiting.triage(), waiting.pageLanguage(), open, current, now));
    }

    private void recordIfFirst(String conversation, Shown shown, List<String> shownNow) {
        if (shown.firstLines(shownNow)) {
            conversations.linesShown(conversation).onFailure(failure -> {
                shown.recorded = false; // tried again with the next lines shown to her
                FailureLog.log(LOG, "Recording the first lines shown to a waiting visitor", failure);
            });
        }
    }

    private static boolean stillWaiting(ConversationRecord record) {
        return record.status() == ConversationStatus.WAITING || record.status() == ConversationStatus.OFFERED;
    }

    private static List<String> ids(List<Hotline> lines) {
        return lines.stream().map(Hotline::id).toList();
    }
}
