package org.helpline.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.auth.Passwords;
import org.helpline.config.ConfigLoader;
import org.helpline.config.HelplineConfig;
import org.helpline.config.Limits;
import org.helpline.config.SessionSettings;
import org.helpline.domain.Counsellor;

/**
 * The shipped configuration (so the tests also prove it loads), on a free port, plus test counsellors whose password
 * is {@link #PASSWORD}. Their hashes use few iterations: tests check behaviour, not the cost of the hash.
 */
public final class TestConfig {
    public static final String PASSWORD = "test-password-123";
    private static final String HASH = Passwords.hash(PASSWORD, 10_000);

    private TestConfig() {
    }

    public static Path shippedDirectory() {
        return Path.of(System.getProperty("helpline.config.dir", "../config"));
    }

    public static HelplineConfig withCounsellors(Counsellor... extra) {
        HelplineConfig shipped = ConfigLoader.load(shippedDirectory(), Map.of());
        List<Counsellor> counsellors = new ArrayList<>(shipped.counsellors());
        counsellors.addAll(List.of(extra));
        return shipped.withHttp(shipped.http().withPort(0)).withCounsellors(counsellors);
    }

    public static Counsellor counsellor(String id, int capacity) {
        return new Counsellor(id, "Counsellor " + id, "victim-support-nord", capacity, HASH, false, false);
    }

    public static HelplineConfig withSessionIdle(HelplineConfig config, Duration idle) {
        SessionSettings sessions = config.sessions();
        return config.withSessions(new SessionSettings(idle, sessions.absolute(), sessions.passwordIterations()));
    }

    public static HelplineConfig withLimits(HelplineConfig config, Limits limits) {
        return config.withLimits(limits);
    }
}
