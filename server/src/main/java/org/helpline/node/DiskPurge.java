package org.helpline.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.helpline.store.DiskPurgeStore;
import org.helpline.store.DiskPurgeStore.RewriteAnswer;
import org.helpline.store.DiskPurgeStore.Sweep;
import org.helpline.store.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk follows memory: each tick runs the retention sweep (expired transcripts are deleted from Redis at once), and
 * when something was erased or expired this node may take the rewrite owed, at most one in each
 * {@code retention.diskPurgeSeconds} window across all the nodes sharing the Redis. It then asks Redis to rewrite its
 * append-only file, after any rewrite already running (one that started before the erase would still copy the text),
 * so that the old files, which still hold the text, are dropped. The rewrite stays owed until the same Redis process
 * has done it: a node stopped before it was done leaves it to another node after the window, and one that Redis failed
 * (its fork, or the rewrite itself: a full disk, say), did not finish before it restarted, or was not seen done within
 * {@link #NOT_SEEN_DONE} is logged and given back, to be taken again after the window. The sweep runs every tick
 * meanwhile.
 */
final class DiskPurge extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DiskPurge.class);
    private static final long LONGEST_TICK_MILLIS = 1000;
    private static final long SHORTEST_TICK_MILLIS = 100;
    /** A rewrite asked for and not seen done in this time (or the window, if longer) is given back. */
    static final Duration NOT_SEEN_DONE = Duration.ofMinutes(10);

    private final DiskPurgeStore store;
    private final Duration window;
    private final boolean rewrites;
    private final Set<String> reported = new HashSet<>();
    /** The owed count of the rewrite this node took, until it is settled. */
    private Optional<String> taken = Optional.empty();
    /** Redis as it was when it started the rewrite this node took: settled once that Redis says it did it well. */
    private Optional<DiskPurgeStore.Persistence> asked = Optional.empty();
    private long notSeenDone = -1;
    private boolean busy;

    /** {@code rewrites}: whether to ask Redis for the rewrite (otherwise the sweep still deletes what expired). */
    DiskPurge(DiskPurgeStore store, Duration window, boolean rewrites) {
        this.store = store;
        this.window = window;
        this.rewrites = rewrites;
    }

    @Override
    public Future<?> start() {
        long tick = Math.max(SHORTEST_TICK_MILLIS, Math.min(LONGEST_TICK_MILLIS, window.toMillis() / 4));
        vertx.setPeriodic(tick, id -> tick());
        if (!rewrites) {
            LOG.warn("retention.rewriteAppendOnlyFile is off: erased and expired transcripts stay in the files of "
                    + "the Redis until it rewrites them itself (see docs/operations.md, 'Redis and erased text')");
        }
        return Future.succeededFuture();
    }

    private void tick() {
        if (busy) {
            return;
        }
        busy = true;
        // a rewrite taken while this node holds one is left owed (the window it opened delays the next take)
        store.sweep(window).map(sweep -> taken.isPresent() ? taken : takenNow(sweep))
                .compose(owed -> owed.map(this::rewriteWhenFree).orElse(Future.succeededFuture()))
                .onFailure(failure -> FailureLog.log(LOG, "The retention sweep (tried again every tick)", failure))
                .onComplete(done -> busy = false);
    }

    private static Optional<String> takenNow(Sweep sweep) {
        return sweep instanceof Sweep.Rewrite rewrite ? Optional.of(rewrite.owed()) : Optional.empty();
    }

    private Future<Void> rewriteWhenFree(String owed) {
        taken = Optional.of(owed);
        if (!rewrites) {
            return settle(owed);
        }
        return store.persistence().compose(persistence -> {
            if (!persistence.appendOnly()) {
                reportOnce("The Redis keeps no append-only file, so there is none to rewrite: erased text may "
                        + "remain in its RDB snapshots (see docs/operations.md, 'Redis and erased text')");
                return settle(owed);
            }
            if (persistence.rewriting()) {
                return Future.succeededFuture(); // this node's or another's: its outcome is read once it is done
            }
            if (asked.isPresent()) {
                if (persistence.rewroteSince(asked.get())) {
                    return settle(owed);
                }
                return givenBack(persistence.runId().equals(asked.get().runId())
                        ? "Redis's rewrite of its append-only file failed (INFO persistence: "
                                + "aof_last_bgrewrite_status:err; Redis's own log says why)"
                        : "Redis restarted before its rewrite of its append-only file was done");
            }
            return store.rewrite().compose(answer -> {
                if (answer instanceof RewriteAnswer.Started) {
                    LOG.info("Asked Redis to rewrite its append-only file: erased and expired text leaves the disk");
                    asked = Optional.of(persistence);
                    Duration limit = NOT_SEEN_DONE.compareTo(window) >= 0 ? NOT_SEEN_DONE : window;
                    notSeenDone = vertx.setTimer(limit.toMillis(), id -> {
                        notSeenDone = -1;
                        givenBack("Redis's rewrite of its append-only file was not seen done in "
                                + limit.toSeconds() + " s");
                    });
                    return Future.succeededFuture();
                }
                if (answer instanceof RewriteAnswer.NotStarted notStarted) {
                    return givenBack("Redis could not start the rewrite of its append-only file ("
                            + notStarted.reason() + ")");
                }
                if (answer instanceof RewriteAnswer.Refused refused) {
                    reportOnce("The Redis refused BGREWRITEAOF (" + refused.reason() + "): erased and expired "
                            + "transcripts stay in its files until it rewrites them itself (see docs/operations.md, "
                            + "'Redis and erased text')");
                    return settle(owed);
                }
                return Future.succeededFuture(); // another rewrite running: asked again once it is done
            });
        });
    }

    /** The rewrite failed: still owed, taken again by a node after the window. */
    private Future<Void> givenBack(String what) {
        LOG.warn("{}: erased and expired text stays in its files; the rewrite is asked again in at most {} s",
                what, window.toSeconds());
        forgetTaken();
        return Future.succeededFuture();
    }

    /** Owed no more, unless something left memory since; tried again with the rewrite if Redis cannot be reached. */
    private Future<Void> settle(String owed) {
        return store.settle(owed).onSuccess(done -> forgetTaken());
    }

    private void forgetTaken() {
        taken = Optional.empty();
        asked = Optional.empty();
        if (notSeenDone >= 0) {
            vertx.cancelTimer(notSeenDone);
            notSeenDone = -1;
        }
    }

    private void reportOnce(String problem) {
        if (reported.add(problem)) {
            LOG.warn(problem);
        }
    }
}
