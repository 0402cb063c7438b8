package org.helpline.store;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * What takes erased and expired text out of the files Redis writes: the retention sweep (which also tells whether a
 * rewrite is owed and whether this node takes it, and unlists the blocks that ended), Redis's persistence state, and
 * the append-only file rewrite.
 */
public final class DiskPurgeStore {
    /** The most expired transcripts (and, apart, ended blocks) one sweep handles; the rest wait for the next tick. */
    static final int SWEEP_BATCH = 1000;

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;

    public DiskPurgeStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
    }

    /** What the sweep found. */
    public sealed interface Sweep {
        /**
         * A rewrite is owed and this node took it: ask Redis for it now, then {@link #settle} its {@code owed} count.
         */
        record Rewrite(String owed) implements Sweep {
        }

        /** A rewrite is owed, after the current window. */
        record Owed() implements Sweep {
        }

        /** Nothing left memory since the last rewrite. */
        record Clean() implements Sweep {
        }
    }

    /**
     * Redis's persistence as {@code INFO} tells it: which Redis process ({@code run_id}), whether it keeps an
     * append-only file, whether a rewrite of it is running or scheduled, how many it started, and whether the last one
     * that ended succeeded.
     */
    public record Persistence(String runId, boolean appendOnly, boolean rewriting, long rewrites,
                              boolean lastRewriteSucceeded) {
        /** Whether this Redis, the same process as {@code before}, ended a rewrite well since. */
        public boolean rewroteSince(Persistence before) {
            return runId.equals(before.runId()) && rewrites > before.rewrites() && !rewriting
                    && lastRewriteSucceeded;
        }
    }

    /** Sweeps the expired transcripts and, when a rewrite is owed and the window allows, takes it. */
    public Future<Sweep> sweep(Duration window) {
        return scripts.list(Scripts.RETENTION_SWEEP.call().key("expiringTranscripts", Keys.EXPIRING_TRANSCRIPTS)
                .key("diskPurgeOwed", Keys.DISK_PURGE_OWED).key("diskPurgeWindow", Keys.DISK_PURGE_WINDOW)
                .key("waits", Keys.WAITS).key("recentAssignments", Keys.RECENT_ASSIGNMENTS)
                .key("blocks", Keys.BLOCKS).key("blockEnds", Keys.BLOCK_ENDS)
                .arg("conversationKeyPrefix", Keys.CONVERSATION_PREFIX).arg("windowMillis", window.toMillis())
                .arg("batch", SWEEP_BATCH)).map(reply -> switch (String.valueOf(reply.get(0))) {
                    case "rewrite" -> new Sweep.Rewrite(String.valueOf(reply.get(1)));
                    case "owed" -> new Sweep.Owed();
                    case "clean" -> new Sweep.Clean();
                    default -> throw new IllegalStateException("retention_sweep answered " + reply.get(0));
                });
    }

    /**
     * The rewrite taken with {@code owed} is done (or will never be: no append-only file, refused): it is owed no
     * more, unless something else left memory since.
     */
    public Future<Void> settle(String owed) {
        return scripts.integer(Scripts.DELETE_IF_EQUAL.call().key("key", Keys.DISK_PURGE_OWED).arg("expected", owed))
                .mapEmpty();
    }

    public Future<Persistence> persistence() {
        return bridge.toFuture(commands.info("server")).compose(server -> bridge.toFuture(commands.info("persistence"))
                .map(info -> new Persistence(field(server, "run_id"), "1".equals(field(info, "aof_enabled")),
                        "1".equals(field(info, "aof_rewrite_in_progress"))
                                || "1".equals(field(info, "aof_rewrite_scheduled")),
                        rewrites(field(info, "aof_rewrites")),
                        "ok".equals(field(info, "aof_last_bgrewrite_status")))));
    }

    /** Redis's answer to a rewrite asked for. */
    public sealed interface RewriteAnswer {
        /** Started, or scheduled after a snapshot under way. */
        record Started() implements RewriteAnswer {
        }

        /** Another rewrite is running: the text erased since may be left for the next one. */
        record AlreadyRewriting() implements RewriteAnswer {
        }

        /** Refused, e.g. by a managed service that does not allow the command: Redis's reason. */
        record Refused(String reason) implements RewriteAnswer {
        }

        /** Redis could not start it now (its fork failed: out of memory, say): Redis's reason. */
        record NotStarted(String reason) implements RewriteAnswer {
        }
    }

    /** Asks Redis to rewrite its append-only file. */
    public Future<RewriteAnswer> rewrite() {
        return bridge.toFuture(commands.bgrewriteaof()).<RewriteAnswer>map(started -> new RewriteAnswer.Started())
                .recover(failure -> refusal(failure).map(reason -> Future.<RewriteAnswer>succeededFuture(
                                reason.contains("in progress") ? new RewriteAnswer.AlreadyRewriting()
                                        : reason.contains("Can't execute") ? new RewriteAnswer.NotStarted(reason)
                                        : new RewriteAnswer.Refused(reason)))
                        .orElseGet(() -> Future.failedFuture(failure)));
    }

    private static Optional<String> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException refused) {
                return Optional.ofNullable(refused.getMessage());
            }
        }
        return Optional.empty();
    }

    private static long rewrites(String counted) {
        return counted.isEmpty() ? 0 : Long.parseLong(counted);
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }
}
