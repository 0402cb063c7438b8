package org.helpline.store;

import io.vertx.core.Future;
import java.util.Locale;
import org.helpline.auth.Digests;
import org.helpline.config.LoginSettings;
import org.helpline.domain.ClientKey;

/**
 * Password guessing, slowed down per account and per client key in Redis so that every node agrees
 * ({@code login_attempt.lua}). Accounts are keyed by the digest of the id the client typed, known or not, so that the
 * answers do not tell which accounts exist and no typed text becomes a key name; clients by their client key, never
 * an address. One client guessing across many accounts is slowed by its key; a counsellor on another key is not.
 */
public final class LoginThrottle {
    private final Scripts scripts;
    private final LoginSettings settings;

    public LoginThrottle(Scripts scripts, LoginSettings settings) {
        this.scripts = scripts;
        this.settings = settings;
    }

    /** Counts an attempt on {@code account} from {@code client}: admitted (with its suspicion) or to wait. */
    public Future<LoginAdmission> attempt(String account, ClientKey client) {
        String digest = digest(account);
        return scripts.list(Scripts.LOGIN_ATTEMPT.call()
                        .key("accountFailures", Keys.loginFailures(digest)).key("accountWait", Keys.loginWait(digest))
                        .key("clientFailures", Keys.client(client, "loginFailures"))
                        .key("clientWait", Keys.client(client, "loginWait"))
                        .arg("freeFailures", settings.freeFailures())
                        .arg("freeFailuresPerClient", settings.freeFailuresPerClient())
                        .arg("maxDelay", settings.maxDelay().toMillis()).arg("memory", settings.memory().toMillis()))
                .map(LoginAdmission::fromScript);
    }

    /** A correct password: the account's failures are forgotten, and this attempt is not the client's failure. */
    public Future<Void> succeeded(String account, ClientKey client) {
        String digest = digest(account);
        return scripts.integer(Scripts.LOGIN_SUCCEEDED.call()
                .key("accountFailures", Keys.loginFailures(digest)).key("accountWait", Keys.loginWait(digest))
                .key("clientFailures", Keys.client(client, "loginFailures"))).mapEmpty();
    }

    /**
     * An attempt {@link #attempt admitted} (and counted) whose password was not checked (busy, or the check failed):
     * its count is taken back, on the account and the client key.
     */
    public Future<Void> unchecked(String account, ClientKey client) {
        return scripts.integer(Scripts.LOGIN_UNCHECKED.call()
                .key("accountFailures", Keys.loginFailures(digest(account)))
                .key("clientFailures", Keys.client(client, "loginFailures"))).mapEmpty();
    }

    private static String digest(String account) {
        return Digests.sha256(account.toLowerCase(Locale.ROOT));
    }
}
