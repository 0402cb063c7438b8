package org.helpline.store;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the atomic transitions, each a Redis function ({@link ScriptLibrary}): {@link #loadAll} loads them at start, and
 * Redis keeps them in its files and gives them to its replicas, so that a restarted Redis, or a replica promoted by a
 * failover, still has them. Should one be missing all the same (a Redis that lost its data, or FUNCTION FLUSH), its
 * call loads it and is sent again; the calls sent behind it on the same lane meanwhile may then run before it. (Scripts
 * sent with EVALSHA met that after every restart: a call answered NOSCRIPT and sent again with EVAL ran after later
 * ones that found their script loaded by another connection meanwhile.) A call whose keys or arguments do not match
 * the script's header fails before anything is sent. A call about one conversation (a key named
 * {@code conversation}) goes on that conversation's lane, the others on the shared one ({@link RedisLanes}).
 */
public final class Scripts {
    private static final Logger LOG = LoggerFactory.getLogger(Scripts.class);
    static final LuaScript START_CHAT = LuaScript.load("start_chat");
    static final LuaScript APPEND_MESSAGE = LuaScript.load("append_message");
    static final LuaScript CLAIM_CONVERSATION = LuaScript.load("claim_conversation");
    static final LuaScript END_CONVERSATION = LuaScript.load("end_conversation");
    static final LuaScript SET_AVAILABILITY = LuaScript.load("set_availability");
    static final LuaScript CONSOLE_ALIVE = LuaScript.load("console_alive");
    static final LuaScript DUE_DEADLINES = LuaScript.load("due_deadlines");
    static final LuaScript CONSOLE_CLOSED = LuaScript.load("console_closed");
    static final LuaScript ACCEPT_OFFER = LuaScript.load("accept_offer");
    static final LuaScript RELEASE_OFFER = LuaScript.load("release_offer");
    static final LuaScript ADVANCE_STEP = LuaScript.load("advance_step");
    static final LuaScript COUNSELLOR_GONE = LuaScript.load("counsellor_gone");
    static final LuaScript TRANSFER_CONVERSATION = LuaScript.load("transfer_conversation");
    static final LuaScript REACHABLE_COUNSELLORS = LuaScript.load("reachable_counsellors");
    static final LuaScript ONLINE_COUNSELLORS = LuaScript.load("online_counsellors");
    static final LuaScript QUEUE_HEAD = LuaScript.load("queue_head");
    static final LuaScript QUEUE_POSITIONS = LuaScript.load("queue_positions");
    static final LuaScript CLOSE_SESSION = LuaScript.load("close_session");
    static final LuaScript OPEN_SESSION = LuaScript.load("open_session");
    static final LuaScript REVOKE_SESSIONS = LuaScript.load("revoke_sessions");
    static final LuaScript TOUCH_SESSION = LuaScript.load("touch_session");
    static final LuaScript SAVE_RISK = LuaScript.load("save_risk");
    static final LuaScript ADD_NOTE = LuaScript.load("add_note");
    static final LuaScript RECORD_OUTCOME = LuaScript.load("record_outcome");
    static final LuaScript DASHBOARD_SNAPSHOT = LuaScript.load("dashboard_snapshot");
    static final LuaScript DASHBOARD_COUNSELLORS = LuaScript.load("dashboard_counsellors");
    static final LuaScript DASHBOARD_CHATS = LuaScript.load("dashboard_chats");
    static final LuaScript RECORD_MINUTE = LuaScript.load("record_minute");
    static final LuaScript VISITOR_ATTACH = LuaScript.load("visitor_attach");
    static final LuaScript VISITOR_AWAY = LuaScript.load("visitor_away");
    static final LuaScript QUICK_EXIT_BY_SECRET = LuaScript.load("quick_exit_by_secret");
    static final LuaScript RENEW_NODE = LuaScript.load("renew_node");
    static final LuaScript NODE_GONE = LuaScript.load("node_gone");
    static final LuaScript RESUME_BY_CODE = LuaScript.load("resume_by_code");
    static final LuaScript RETENTION_SWEEP = LuaScript.load("retention_sweep");
    static final LuaScript LOGIN_ATTEMPT = LuaScript.load("login_attempt");
    static final LuaScript LOGIN_SUCCEEDED = LuaScript.load("login_succeeded");
    static final LuaScript LOGIN_UNCHECKED = LuaScript.load("login_unchecked");
    static final LuaScript CLAIM_DANGER = LuaScript.load("claim_danger");
    static final LuaScript PROMOTE_DANGER = LuaScript.load("promote_danger");
    static final LuaScript BLOCK_CLIENT = LuaScript.load("block_client");
    static final LuaScript CARRY_BLOCK = LuaScript.load("carry_block");
    static final LuaScript LIFT_BLOCK = LuaScript.load("lift_block");
    static final LuaScript FORGET_EXPIRED_BLOCKS = LuaScript.load("forget_expired_blocks");
    static final LuaScript DELETE_IF_EQUAL = LuaScript.load("delete_if_equal");
    static final LuaScript RECORD_SUPERVISION = LuaScript.load("record_supervision");
    static final LuaScript ADD_ESCALATION = LuaScript.load("add_escalation");
    static final LuaScript SETTLE_ESCALATION = LuaScript.load("settle_escalation");
    static final LuaScript ALERT_SUPERVISORS = LuaScript.load("alert_supervisors");
    static final LuaScript UNCONFIRMED_ESCALATION = LuaScript.load("unconfirmed_escalation");
    static final LuaScript UPDATE_OPEN_CONVERSATION = LuaScript.load("update_open_conversation");
    static final LuaScript LINES_SHOWN = LuaScript.load("lines_shown");
    /** Every script above, as Redis runs them (declared after them: they are loaded by then). */
    static final ScriptLibrary LIBRARY = ScriptLibrary.of(LuaScript.loaded());

    private final Evaluation evaluation;
    private final Loader loader;
    private final RedisBridge bridge;

    public Scripts(RedisLanes lanes, RedisBridge bridge) {
        this.loader = new Loader(lanes.shared());
        this.bridge = bridge;
        this.evaluation = new RedisEvaluation(lanes, bridge, loader);
    }

    Scripts(Evaluation evaluation) {
        this.evaluation = evaluation;
        this.loader = null;
        this.bridge = null;
    }

    /** Loads the scripts into Redis (where they are already, nothing changes): at start, before any is called. */
    public Future<Void> loadAll() {
        return bridge.toFuture(loader.load())
                .onSuccess(loaded -> LOG.info("Scripts: Redis function library helpline_{}", LIBRARY.version()));
    }

    /** Runs a script whose reply is a string (or nil, returned as null). */
    Future<String> text(ScriptCall call) {
        return run(call, ScriptOutputType.VALUE);
    }

    /** Runs a script whose reply is an integer. */
    Future<Long> integer(ScriptCall call) {
        return run(call, ScriptOutputType.INTEGER);
    }

    /** Runs a script whose reply is an array (of strings and integers). */
    Future<List<Object>> list(ScriptCall call) {
        return run(call, ScriptOutputType.MULTI);
    }

    private <T> Future<T> run(ScriptCall call, ScriptOutputType type) {
        try {
            return evaluation.evaluate(call, type);
        } catch (IllegalArgumentException mismatch) {
            return Future.failedFuture(mismatch);
        }
    }

    /**
     * Where calls go: Redis, or a recorder in the unit test of the headers. Either lays the call out by its header
     * ({@link ScriptCall#keyArray()}), which throws {@link IllegalArgumentException} on a mismatch.
     */
    interface Evaluation {
        <T> Future<T> evaluate(ScriptCall call, ScriptOutputType type);
    }

    private record RedisEvaluation(RedisLanes lanes, RedisBridge bridge, Loader loader) implements Evaluation {
        @Override
        public <T> Future<T> evaluate(ScriptCall call, ScriptOutputType type) {
            RedisAsyncCommands<String, String> commands = call.conversationKey().map(lanes::ofConversationKey)
                    .orElseGet(lanes::shared);
            String[] keys = call.keyArray();
            String[] args = call.argArray();
            String function = LIBRARY.function(call.script());
            CompletionStage<T> stage = commands.<T>fcall(function, type, keys, args)
                    .exceptionallyCompose(failure -> hasMessage(failure, "Function not found")
                            // sent again in turn once the library is loaded: this call's own future is completed in
                            // the order the calls were answered, and sends it as it completes
                            ? loader.load().thenCompose(loaded -> commands.<T>fcall(function, type, keys, args))
                            : CompletableFuture.failedStage(failure));
            return bridge.toFuture(stage);
        }
    }

    /**
     * Loads the library, at most once at a time: the calls that find it missing together (a Redis that lost its data)
     * wait for one load, not one each of its 130 KB, and each gets a future of its own, completed in the order they
     * asked, which on one connection is the order they were sent (the dependents of one shared future would run
     * newest first).
     */
    private static final class Loader {
        private final RedisAsyncCommands<String, String> commands;
        /** While a load is under way, the futures waiting for it, in order; null when none is. */
        private List<CompletableFuture<Void>> waiting;

        Loader(RedisAsyncCommands<String, String> commands) {
            this.commands = commands;
        }

        /** Loads the library; one already loaded (by this node or another of the same version) is no failure. */
        CompletableFuture<Void> load() {
            CompletableFuture<Void> loaded = new CompletableFuture<>();
            synchronized (this) {
                if (waiting != null) {
                    waiting.add(loaded);
                    return loaded;
                }
                waiting = new ArrayList<>(List.of(loaded));
            }
            CompletionStage<String> load;
            try {
                load = commands.functionLoad(LIBRARY.code());
            } catch (RuntimeException refused) {
                load = CompletableFuture.failedStage(refused);
            }
            load.whenComplete((answer, failure) -> {
                List<CompletableFuture<Void>> waited;
                synchronized (this) {
                    waited = waiting;
                    waiting = null;
                }
                boolean done = failure == null || hasMessage(failure, "already exists");
                waited.forEach(waiter -> {
                    if (done) {
                        waiter.complete(null);
                    } else {
                        waiter.completeExceptionally(failure);
                    }
                });
            });
            return loaded;
        }
    }

    private static boolean hasMessage(Throwable failure, String words) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null
                    && cause.getMessage().contains(words)) {
                return true;
            }
        }
        return false;
    }
}
