package org.helpline.node;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.helpline.domain.Assignment;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.WaitingConversation;
import org.helpline.store.QueueStore;

/**
 * The chats further back than the head a routing round reads. When no chat of the head suits a counsellor with a free
 * place (their steps ask for a language, a topic or a region she lacks), a chat she suits further back would otherwise
 * wait until its elders' steps widen, minutes later. So a round that leaves someone with a free place reads one slice
 * of the queue after the head, at most once every {@link #EVERY}, each time the next one (the first again once past
 * the end): a long queue costs a slice a second, not its length, and a chat that suits someone free is found within
 * about the queue's length / {@link #SLICE} seconds. The head's chats still come first: the policy is given them with
 * the slice, in queue order.
 */
final class FurtherBack {
    static final int SLICE = 200;
    static final Duration EVERY = Duration.ofSeconds(1);

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
     * Whether to read the next slice now: the queue reaches past the head ({@code waiting}: as last counted), the
     * proposals leave a place free among those {@code ready}, and the last slice was read {@link #EVERY} ago.
     */
    boolean due(List<WaitingConversation> head, long waiting, List<ReachableCounsellor> ready,
                List<Assignment> proposals) {
        if (head.size() < headSize && waiting <= headSize) {
            return false;
        }
        int places = ready.stream().mapToInt(ReachableCounsellor::freeCapacity).sum();
        return places > proposals.size() && !clock.instant().isBefore(lastRead.plus(EVERY));
    }

    /** The head with the next slice after it (a chat read in both, the queue having moved between reads, once). */
    Future<List<WaitingConversation>> withNextSlice(List<WaitingConversation> head) {
        lastRead = clock.instant();
        return queue.slice(from, SLICE).map(slice -> {
            from = slice.size() < SLICE ? headSize : from + SLICE;
            Set<String> inHead = new HashSet<>();
            head.forEach(conversation -> inHead.add(conversation.id()));
            List<WaitingConversation> both = new ArrayList<>(head);
            slice.stream().filter(conversation -> !inHead.contains(conversation.id())).forEach(both::add);
            return both;
        });
    }
}
