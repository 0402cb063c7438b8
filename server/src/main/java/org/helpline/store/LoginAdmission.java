package org.helpline.store;

import java.time.Duration;
import java.util.List;

/** Whether a login attempt may have its password checked, and how suspicious it is; or how long it must wait. */
public sealed interface LoginAdmission {
    /**
     * The password may be checked. {@code earlierFailures}: the recent failures of its account and of its client key
     * together, before this attempt; a counsellor's own login usually has none, a guesser's many.
     */
    record Admitted(long earlierFailures) implements LoginAdmission {
    }

    /** The account or the client key must wait this long before its next attempt. */
    record Refused(Duration retryAfter) implements LoginAdmission {
    }

    static LoginAdmission fromScript(List<Object> reply) {
        long waitMillis = (Long) reply.get(0);
        return waitMillis > 0 ? new Refused(Duration.ofMillis(waitMillis)) : new Admitted((Long) reply.get(1));
    }
}
