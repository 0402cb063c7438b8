package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.helpline.auth.Digests;
import org.helpline.config.LoginSettings;

/**
 * Password guessing, slowed down per account in Redis so that every node agrees ({@code login_attempt.lua}). Accounts
 * are keyed by the digest of the id the client typed, known or not, so that the answers do not tell which accounts
 * exist and no typed text becomes a key name.
 */
public final class LoginThrottle {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;
    private final LoginSettings settings;

    public LoginThrottle(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts,
                         LoginSettings settings) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
        this.settings = settings;
    }

    /** Counts an attempt on {@code account}; empty when it may go on, else how long the client must wait. */
    public Future<Optional<Duration>> attempt(String account) {
        String digest = digest(account);
        return scripts.integer(Scripts.LOGIN_ATTEMPT.call()
                        .key("failures", Keys.loginFailures(digest)).key("wait", Keys.loginWait(digest))
                        .arg("freeFailures", settings.freeFailures()).arg("maxDelay", settings.maxDelay().toMillis())
                        .arg("memory", settings.memory().toMillis()))
                .map(waitMillis -> waitMillis > 0 ? Optional.of(Duration.ofMillis(waitMillis)) : Optional.empty());
    }

    /** A correct password: the account's failures are forgotten. */
    public Future<Void> succeeded(String account) {
        String digest = digest(account);
        return bridge.toFuture(commands.del(Keys.loginFailures(digest), Keys.loginWait(digest))).mapEmpty();
    }

    private static String digest(String account) {
        return Digests.sha256(account.toLowerCase(Locale.ROOT));
    }
}
