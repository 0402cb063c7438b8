package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.node.HelplineNode;
import org.helpline.store.EmbeddedRedis;
import org.helpline.support.LoginFlood;
import org.helpline.support.TestConfig;
import org.helpline.support.TestRedis;
import org.helpline.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A real counsellor's login time while 48 and 64 clients post wrong passwords, from as many client keys or from one,
 * three runs each on a fresh node and Redis (after a warm-up run of the JVM), measured once (not part of the suite:
 * {@code HttpAbuseIT} checks the behaviour). Run it with {@code mvn -B -o verify -pl server -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LoginUnderAttackIT -Dhelpline.measure=login}; the figures are in
 * docs/security.md.
 */
@EnabledIfSystemProperty(named = "helpline.measure", matches = "login")
class LoginUnderAttackIT {
    private static final int RUNS = 3;
    private static final int LOGINS = 40;

    @Test
    void realLoginWhileClientsGuess() throws Exception {
        // a first flood, not counted, so that the runs measure a node whose JVM has compiled its hot paths (the
        // slowest login of the first run after a JVM start is printed too: it is that much slower)
        measure(48, 0, "one key per client (warm-up)", attacker -> "203.0.113." + attacker);
        List<Long> worst = new ArrayList<>();
        for (int attackers : List.of(48, 64)) {
            for (int run = 1; run <= RUNS; run++) {
                worst.add(measure(attackers, run, "one key per client", attacker -> "203.0.113." + attacker));
                worst.add(measure(attackers, run, "one key for all", attacker -> "203.0.114.1"));
            }
        }
        assertTrue(worst.stream().allMatch(p99 -> p99 <= 2000), "p99 of every run <= 2 s: " + worst);
    }

    private static long measure(int attackers, int run, String keys, IntFunction<String> addressOf)
            throws Exception {
        try (EmbeddedRedis redis = TestRedis.start()) {
            HelplineNode node = Waits.await(HelplineNode.start(config(), redis.url()), 30);
            try (LoginFlood flood = LoginFlood.start(node.httpPort(), attackers, addressOf, 200)) {
                LoginFlood.RealLogins logins = flood.realLogins("real.amina", "198.51.100.50", LOGINS);
                Map<Integer, Long> statuses = flood.statuses();
                System.out.printf("login under attack: %d clients, %s, run %d: %d guesses %s; %d real logins:"
                                + " median %d ms, p99 (the slowest) %d ms, %d busy%n", attackers, keys, run,
                        flood.guesses(), statuses, LOGINS, logins.median(), logins.p99(), logins.busy());
                return logins.p99();
            } finally {
                Waits.await(node.close(), 30);
            }
        }
    }

    /** The shipped login settings (the defaults), the targets and the real counsellor. */
    private static HelplineConfig config() {
        List<Counsellor> counsellors = new ArrayList<>();
        LoginFlood.TARGETS.forEach(id -> counsellors.add(LoginFlood.realCounsellor(id)));
        counsellors.add(LoginFlood.realCounsellor("real.amina"));
        return TestConfig.withCounsellors(counsellors.toArray(Counsellor[]::new));
    }
}
