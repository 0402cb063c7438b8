package org.helpline.node;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.helpline.domain.Assignment;
import org.helpline.domain.CounsellorBoard;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.StepRouting;
import org.helpline.store.CounsellorStore;

/**
 * The counsellors one routing round reads, a chunk at a time (the first {@code firstChunk}, then each chunk twice the
 * one before, at most {@link CounsellorStore#READ_CHUNK}), and those it found so far; each read updates the board.
 */
final class BoardReading {
    private final CounsellorStore counsellors;
    private final CounsellorBoard board;
    private final List<String> toRead;
    private final List<ReachableCounsellor> found;
    private int read;
    private int chunk;

    BoardReading(CounsellorStore counsellors, CounsellorBoard board, List<String> toRead,
                 List<ReachableCounsellor> found, int firstChunk) {
        this.counsellors = counsellors;
        this.board = board;
        this.toRead = toRead;
        this.found = new ArrayList<>(found);
        this.chunk = Math.max(1, firstChunk);
    }

    /** Those found reachable so far. */
    List<ReachableCounsellor> found() {
        return found;
    }

    /** How many counsellors this round has read (asked for). */
    int readSoFar() {
        return read;
    }

    boolean hasMore() {
        return read < toRead.size();
    }

    /** Whether the next counsellor to read, as the board holds them, may be preferred to one proposed a chat. */
    boolean mayFindBetter(List<Assignment> proposals, Instant now) {
        return board.lastRead(toRead.get(read))
                .map(next -> StepRouting.couldPrefer(next, proposals, found, now)).orElse(true);
    }

    /**
     * The round leaves the rest unread: those of them the board does not hold as maybe having a place are named again.
     * Returns whether any was.
     */
    boolean leaveUnread(Instant now) {
        return board.notRead(toRead.subList(read, toRead.size()), now);
    }

    /** Reads the next chunk. */
    Future<Void> next() {
        List<String> ids = toRead.subList(read, Math.min(toRead.size(),
                read + Math.min(chunk, CounsellorStore.READ_CHUNK)));
        read += ids.size();
        chunk = Math.min(CounsellorStore.READ_CHUNK, 2 * chunk);
        return counsellors.reachable(ids).map(some -> {
            board.readSome(ids, some);
            found.addAll(some);
            return null;
        });
    }
}
