package org.helpline.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.auth.Passwords;
import org.helpline.config.AbuseSettings;
import org.helpline.config.AddressRange;
import org.helpline.config.ConfigLoader;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HttpSettings;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OpeningHours;
import org.helpline.domain.RoutingMode;

/**
 * The shipped configuration (so the tests also prove it loads), on a free port, plus two always-open test
 * associations (so no test depends on the time of day) and test counsellors whose password is {@link #PASSWORD}.
 * Their hashes use few iterations: tests check behaviour, not the cost of the hash. A test that needs other settings
 * changes this configuration with {@link ConfigBuilder}.
 */
public final class TestConfig {
    public static final String PASSWORD = "test-password-123";
    /** Always open, direct assignment, counsellors may pick. */
    public static final String DIRECT = "test-direct";
    /** Always open, offers with accept. */
    public static final String OFFER = "test-offer";
    public static final Set<String> ALL_TOPICS = Set.of("physical", "psychological", "sexual", "economic",
            "cyber-violence", "children-exposed", "legal-advice", "shelter", "perpetrator-support");
    private static final String HASH = Passwords.hash(PASSWORD, 10_000);
    /**
     * The test client is a trusted proxy: {@link Helpline} gives each visitor socket an address of its own in
     * X-Forwarded-For, as each is another person.
     */
    public static final List<AddressRange> LOOPBACK = List.of(AddressRange.parse("127.0.0.1").orElseThrow(),
            AddressRange.parse("::1").orElseThrow());
    /**
     * Browsers in tests connect from 127.0.0.1 without a forwarded address, so they share one client key: the limits
     * on chats started per client and per node are lifted (the tests of those limits set their own).
     */
    public static final AbuseSettings ONE_ADDRESS = new AbuseSettings(1_000_000, 1_000_000, 1_000_000,
            Duration.ofHours(24));

    private TestConfig() {
    }

    public static Path shippedDirectory() {
        return Path.of(System.getProperty("helpline.config.dir", "../config"));
    }

    /**
     * The shipped configuration with the test associations and these counsellors added, and no wrap-up after a chat
     * (a test that wants one sets it with {@link ConfigBuilder#wrapUp}).
     */
    public static HelplineConfig withCounsellors(Counsellor... extra) {
        HelplineConfig shipped = ConfigLoader.load(shippedDirectory(), Map.of(ConfigLoader.ENV_HTTP_PORT, "0"));
        List<Association> associations = new ArrayList<>(shipped.associations());
        associations.add(association(DIRECT, RoutingMode.DIRECT, true, Set.of(Association.NATIONAL)));
        associations.add(association(OFFER, RoutingMode.OFFER, false, Set.of(Association.NATIONAL)));
        List<Counsellor> counsellors = new ArrayList<>(shipped.counsellors());
        counsellors.addAll(List.of(extra));
        HttpSettings http = shipped.http();
        return ConfigBuilder.from(shipped).associations(associations).counsellors(counsellors)
                .http(new HttpSettings(http.port(), http.publicOrigins(), http.allowedOrigins(), http.frameAncestors(),
                        LOOPBACK, http.requestHeaderTimeout(), http.idleTimeout(), http.eventLoops(),
                        http.connectionsPerClient()))
                .abuse(ONE_ADDRESS).wrapUp(Duration.ZERO).build();
    }

    public static Association association(String id, RoutingMode mode, boolean allowPick, Set<String> regions) {
        return new Association(id, "Test association " + id, ALL_TOPICS, regions, Set.of("fr", "en"),
                OpeningHours.always(), 3, mode, allowPick);
    }

    /** The test configuration with counsellor {@code first} and {@code decoys} more: {@code decoyPrefix} + 0, 1... */
    public static HelplineConfig withCounsellorAndDecoys(String first, String decoyPrefix, int decoys) {
        List<Counsellor> counsellors = new ArrayList<>();
        counsellors.add(counsellor(first, 1));
        for (int i = 0; i < decoys; i++) {
            counsellors.add(counsellor(decoyPrefix + i, 1));
        }
        return withCounsellors(counsellors.toArray(Counsellor[]::new));
    }

    /** A counsellor of the always-open, direct-assignment test association. */
    public static Counsellor counsellor(String id, int capacity) {
        return counsellor(id, capacity, DIRECT);
    }

    public static Counsellor counsellor(String id, int capacity, String association) {
        return counsellor(id, capacity, association, Set.of("fr", "en"), ALL_TOPICS);
    }

    public static Counsellor counsellor(String id, int capacity, String association, Set<String> languages,
                                        Set<String> topics) {
        return new Counsellor(id, "Counsellor " + id, association, languages, topics, capacity, HASH, false, false);
    }

    /** A supervisor account (of the direct test association): may open the supervisor dashboard. */
    public static Counsellor supervisor(String id) {
        return new Counsellor(id, "Supervisor " + id, DIRECT, Set.of("fr", "en"), ALL_TOPICS, 1, HASH, true, false);
    }
}
