package org.helpline.node;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import org.helpline.domain.WaitingConversation;
import org.helpline.store.QueueStore;

/**
 * The chats further back than the head a routing round reads. When no chat of the head suits a counsellor with a free
 * place (their steps ask for a language, a topic or a region she lacks), a chat she suits further back would otherwise
 * wait until its elders' steps widen, minutes later. So a round that leaves someone with a free place in an open
 * association reads one slice of the queue after the head, at most about once a second ({@link #EVERY}, a little under
 * the dispatcher's tick, so that each tick's round may read one), each time the next one (the first again once past
 * the end of the queue as last counted): a long queue costs a node a slice a second, not its length, and a chat that
 * suits someone free is found within about the queue's length / {@link #SLICE} seconds (a pass may miss a chat that
 * moved up past the cursor as the queue drained; the next pass finds it). The head's chats still come first: the
 * policy is given them with the slice, in queue order.
 */
final class FurtherBack {
    static final int SLICE = 200;
    static final Duration EVERY = Duration.ofMillis(900);

    private final QueueStore queue;
    private final Clock clock;
    private final int headSize;
    private int from;
    private Instant lastRead = Instant.MIN;

    FurtherBack(QueueStore queue, Clock clock, int headSize) {
        this.queue = queue;
        this.clock = clock;
        this.headSize = headSize;
        this.from = headSize;
    }

    /**
     * Whether to read the next slice now, which is then taken as read now: more chats wait than the head holds
     * ({@code waiting}: as last counted, or the head read full), the free places in open associations
     * ({@code openPlaces}, counted only then) are more than the head's {@code proposals}, and the last slice was read
     * {@link #EVERY} ago (or the clock went back since).
     */
    boolean due(List<WaitingConversation> head, long waiting, IntSupplier openPlaces, int proposals) {
        if (head.size() < headSize && waiting <= headSize || openPlaces.getAsInt() <= proposals) {
            return false;
        }
        Instant now = clock.instant();
        Duration since = Duration.between(lastRead, now);
        if (since.isNegative() || since.compareTo(EVERY) >= 0) {
            lastRead = now;
            return true;
        }
        return false;
    }

    /**
     * The head with the next slice after it, once {@link #due} (a chat read in both, the queue having moved between
     * reads, once); {@code waiting}: how many wait, as last counted.
     */
    Future<List<WaitingConversation>> withNextSlice(List<WaitingConversation> head, long waiting) {
        int reading = from;
        return queue.slice(reading, SLICE).map(slice -> {
            from = slice.isEmpty() || reading + SLICE >= waiting ? headSize : reading + SLICE;
            return WaitingConversation.eachOnce(head, slice);
        });
    }
}
