package org.helpline.store;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the atomic transitions. EVALSHA first; when Redis answers NOSCRIPT (a restarted or new Redis) the body is sent
 * with EVAL, which also caches it again. A call whose keys or arguments do not match the script's header fails
 * before anything is sent. A call about one conversation (a key named {@code conversation}) goes on that
 * conversation's lane, the others on the shared one ({@link RedisLanes}).
 */
public final class Scripts {
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
    static final LuaScript RAISE_PRIORITY = LuaScript.load("raise_priority");
    static final LuaScript REACHABLE_COUNSELLORS = LuaScript.load("reachable_counsellors");
    static final LuaScript ONLINE_COUNSELLORS = LuaScript.load("online_counsellors");
    static final LuaScript QUEUE_HEAD = LuaScript.load("queue_head");
    static final LuaScript QUEUE_POSITIONS = LuaScript.load("queue_positions");
    static final LuaScript TOUCH_SESSION = LuaScript.load("touch_session");
    static final LuaScript SAVE_RISK = LuaScript.load("save_risk");
    static final LuaScript ADD_NOTE = LuaScript.load("add_note");
    static final LuaScript RECORD_ESCALATION = LuaScript.load("record_escalation");
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
    static final LuaScript CLAIM_DANGER = LuaScript.load("claim_danger");
    static final LuaScript PROMOTE_DANGER = LuaScript.load("promote_danger");
    static final LuaScript BLOCK_CLIENT = LuaScript.load("block_client");
    static final LuaScript CARRY_BLOCK = LuaScript.load("carry_block");
    static final LuaScript LIFT_BLOCK = LuaScript.load("lift_block");
    static final LuaScript DELETE_IF_EQUAL = LuaScript.load("delete_if_equal");
    static final LuaScript RECORD_SUPERVISION = LuaScript.load("record_supervision");
    static final LuaScript ADD_ESCALATION = LuaScript.load("add_escalation");
    static final LuaScript SETTLE_ESCALATION = LuaScript.load("settle_escalation");
    static final LuaScript ALERT_SUPERVISORS = LuaScript.load("alert_supervisors");
    static final LuaScript UNCONFIRMED_ESCALATION = LuaScript.load("unconfirmed_escalation");
    static final LuaScript UPDATE_OPEN_CONVERSATION = LuaScript.load("update_open_conversation");
    static final LuaScript LINES_SHOWN = LuaScript.load("lines_shown");

    private final Evaluation evaluation;

    public Scripts(RedisLanes lanes, RedisBridge bridge) {
        this(new RedisEvaluation(lanes, bridge));
    }

    Scripts(Evaluation evaluation) {
        this.evaluation = evaluation;
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

    private record RedisEvaluation(RedisLanes lanes, RedisBridge bridge) implements Evaluation {
        @Override
        public <T> Future<T> evaluate(ScriptCall call, ScriptOutputType type) {
            RedisAsyncCommands<String, String> commands = call.conversationKey().map(lanes::ofConversationKey)
                    .orElseGet(lanes::shared);
            LuaScript script = call.script();
            String[] keys = call.keyArray();
            String[] args = call.argArray();
            CompletionStage<T> stage = commands.<T>evalsha(script.sha(), type, keys, args)
                    .exceptionallyCompose(failure -> isNoScript(failure)
                            ? commands.<T>eval(script.body(), type, keys, args)
                            : CompletableFuture.failedStage(failure));
            return bridge.toFuture(stage);
        }

        private static boolean isNoScript(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RedisNoScriptException) {
                    return true;
                }
            }
            return false;
        }
    }
}
