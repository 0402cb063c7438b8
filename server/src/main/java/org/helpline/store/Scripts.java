package org.helpline.store;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs the atomic transitions. EVALSHA first; when Redis answers NOSCRIPT (a restarted or new Redis) the body is sent
 * with EVAL, which also caches it again.
 */
public final class Scripts {
    public static final LuaScript CREATE_CONVERSATION = LuaScript.load("create_conversation");
    public static final LuaScript APPEND_MESSAGE = LuaScript.load("append_message");
    public static final LuaScript CLAIM_CONVERSATION = LuaScript.load("claim_conversation");
    public static final LuaScript END_CONVERSATION = LuaScript.load("end_conversation");
    public static final LuaScript SET_AVAILABILITY = LuaScript.load("set_availability");
    public static final LuaScript CONSOLE_ALIVE = LuaScript.load("console_alive");
    public static final LuaScript CONSOLE_CLOSED = LuaScript.load("console_closed");
    public static final LuaScript ACCEPT_OFFER = LuaScript.load("accept_offer");
    public static final LuaScript RELEASE_OFFER = LuaScript.load("release_offer");
    public static final LuaScript ADVANCE_STEP = LuaScript.load("advance_step");
    public static final LuaScript COUNSELLOR_GONE = LuaScript.load("counsellor_gone");
    public static final LuaScript TRANSFER_CONVERSATION = LuaScript.load("transfer_conversation");
    public static final LuaScript RAISE_PRIORITY = LuaScript.load("raise_priority");
    public static final LuaScript REACHABLE_COUNSELLORS = LuaScript.load("reachable_counsellors");
    public static final LuaScript QUEUE_HEAD = LuaScript.load("queue_head");
    public static final LuaScript QUEUE_POSITIONS = LuaScript.load("queue_positions");
    public static final LuaScript TOUCH_SESSION = LuaScript.load("touch_session");
    public static final LuaScript SAVE_RISK = LuaScript.load("save_risk");
    public static final LuaScript ADD_NOTE = LuaScript.load("add_note");
    public static final LuaScript RECORD_OUTCOME = LuaScript.load("record_outcome");
    public static final LuaScript DASHBOARD_SNAPSHOT = LuaScript.load("dashboard_snapshot");
    public static final LuaScript RECORD_MINUTE = LuaScript.load("record_minute");
    public static final LuaScript VISITOR_ATTACH = LuaScript.load("visitor_attach");
    public static final LuaScript VISITOR_AWAY = LuaScript.load("visitor_away");
    public static final LuaScript RESUME_BY_CODE = LuaScript.load("resume_by_code");

    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;

    public Scripts(RedisAsyncCommands<String, String> commands, RedisBridge bridge) {
        this.commands = commands;
        this.bridge = bridge;
    }

    /** Runs a script whose reply is a string (or nil, returned as null). */
    public Future<String> text(LuaScript script, String[] keys, String... args) {
        return run(script, ScriptOutputType.VALUE, keys, args);
    }

    /** Runs a script whose reply is an integer. */
    public Future<Long> integer(LuaScript script, String[] keys, String... args) {
        return run(script, ScriptOutputType.INTEGER, keys, args);
    }

    /** Runs a script whose reply is an array (of strings and integers). */
    public Future<List<Object>> list(LuaScript script, String[] keys, String... args) {
        return run(script, ScriptOutputType.MULTI, keys, args);
    }

    private <T> Future<T> run(LuaScript script, ScriptOutputType type, String[] keys, String[] args) {
        CompletionStage<T> stage = commands.<T>evalsha(script.sha(), type, keys, args)
                .exceptionallyCompose(failure -> isNoScript(failure)
                        ? commands.<T>eval(script.body(), type, keys, args)
                        : java.util.concurrent.CompletableFuture.failedStage(failure));
        return bridge.toFuture(stage);
    }

    private static boolean isNoScript(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof RedisNoScriptException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
