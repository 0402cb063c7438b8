package org.helpline.auth;

import java.util.Optional;
import org.helpline.domain.Counsellor;

/** What checking a login's password found: the counsellor, a wrong account or password, or a node too busy to check. */
public record PasswordCheck(Outcome outcome, Optional<Counsellor> counsellor) {
    public enum Outcome { VERIFIED, WRONG, BUSY }

    static PasswordCheck verified(Counsellor counsellor) {
        return new PasswordCheck(Outcome.VERIFIED, Optional.of(counsellor));
    }

    static PasswordCheck wrong() {
        return new PasswordCheck(Outcome.WRONG, Optional.empty());
    }

    static PasswordCheck busy() {
        return new PasswordCheck(Outcome.BUSY, Optional.empty());
    }
}
