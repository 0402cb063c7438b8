package org.helpline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.helpline.domain.ServiceCalendar;

/**
 * Reads the sections of {@code server.yaml} (http, metrics, redis, limits, abuse, sessions, login, retention,
 * dashboard, visitor, statistics), each into its settings record, with its defaults and bounds. The environment
 * overrides are applied by {@link ConfigLoader}.
 */
final class ServerSettingsReader {
    static final String FILE = "server.yaml";

    private ServerSettingsReader() {
    }

    static HttpSettings http(ConfigSection section) {
        section.allowOnly("port", "publicOrigins", "allowedOrigins", "frameAncestors", "trustedProxies",
                "requestHeaderTimeoutSeconds", "idleTimeoutSeconds", "eventLoops", "connectionsPerClient");
        int port = section.integer("port", 8080, 0, 65535);
        List<String> publicOrigins = origins(section, "publicOrigins");
        List<String> origins = origins(section, "allowedOrigins");
        List<String> ancestors = section.strings("frameAncestors", List.of("'none'"));
        for (String ancestor : ancestors) {
            if (!ancestor.matches("'none'|'self'|https://[A-Za-z0-9.*-]+(:[0-9]{1,5})?")
                    && !HttpSettings.isLocalHttp(ancestor)) {
                throw section.error("frameAncestors", "'" + ancestor + "' must be 'none', 'self', an https:// "
                        + "origin, or for trying the widget on one's own machine http://localhost, http://127.0.0.1 "
                        + "or http://[::1] (any port)");
            }
        }
        Duration headers = Duration.ofSeconds(section.integer("requestHeaderTimeoutSeconds", 10, 1, 300));
        Duration idle = Duration.ofSeconds(section.integer("idleTimeoutSeconds", 30, 1, 3600));
        return new HttpSettings(port, publicOrigins, origins, ancestors,
                addressRanges(section, "trustedProxies", List.of()), headers, idle,
                section.integer("eventLoops", 1, 1, 64), section.integer("connectionsPerClient", 500, 1, 1_000_000));
    }

    /** A list of CIDR ranges (literal addresses only), {@code absent} when the field is absent. */
    private static List<AddressRange> addressRanges(ConfigSection section, String key, List<String> absent) {
        return section.strings(key, absent).stream().map(text -> AddressRange.parse(text)
                .orElseThrow(() -> section.error(key, "'" + text + "' is not an address or a CIDR range such as "
                        + "10.0.0.0/8 (host names are not accepted)"))).toList();
    }

    private static List<String> origins(ConfigSection section, String field) {
        List<String> origins = section.strings(field, List.of());
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw section.error(field, "'" + origin + "' is not an origin such as https://example.org");
            }
        }
        return origins;
    }

    static MetricsSettings metrics(ConfigSection section) {
        section.allowOnly("allowFrom", "token");
        List<AddressRange> ranges = addressRanges(section, "allowFrom", List.of("127.0.0.0/8", "::1"));
        return new MetricsSettings(ranges, section.optionalString("token").map(token -> metricsToken(
                section.file(), section.field("token"), token)));
    }

    /** A metrics token from {@code source} (file or variable); never echoed. */
    static String metricsToken(String source, String field, String token) {
        if (token.length() < 16 || token.length() > 200 || !token.matches("[\\x21-\\x7e]+")) {
            throw new ConfigException(source, field, "must be 16 to 200 printable characters without spaces");
        }
        return token;
    }

    static LoginSettings login(ConfigSection section) {
        section.allowOnly("freeFailures", "freeFailuresPerClient", "maxDelaySeconds", "failureMemorySeconds",
                "pendingChecks");
        return new LoginSettings(section.integer("freeFailures", 5, 1, 100),
                section.integer("freeFailuresPerClient", 30, 1, 10_000),
                Duration.ofSeconds(section.integer("maxDelaySeconds", 300, 1, 86_400)),
                Duration.ofSeconds(section.integer("failureMemorySeconds", 3600, 60, 604_800)),
                section.integer("pendingChecks", 8, 1, 1000));
    }

    static RedisSettings redis(ConfigSection section) {
        section.allowOnly("url", "commandTimeoutMillis", "requestQueueSize", "commandConnections",
                "embeddedDataDirectory");
        Optional<String> url = section.optionalString("url")
                .map(value -> redisUrl(section.file(), section.field("url"), value));
        Duration timeout = Duration.ofMillis(section.integer("commandTimeoutMillis", 2000, 50, 60_000));
        int queue = section.integer("requestQueueSize", 10_000, 16, 1_000_000);
        int connections = section.integer("commandConnections", 1, 1, 64);
        Path data = Path.of(section.string("embeddedDataDirectory", "data/redis"));
        return new RedisSettings(url, timeout, queue, connections, data);
    }

    /**
     * A Redis URL from {@code source} (file or variable); never echoed, as it may hold a password, nor let through
     * unparsable (the Redis client's error would quote it, password included).
     */
    static String redisUrl(String source, String field, String url) {
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(source, field, "is not a valid URL (a character that must be percent-encoded,"
                    + " in the password maybe, at index " + e.getIndex() + ")");
        }
        if ((parsed.getRawPath() + parsed.getRawQuery() + parsed.getRawFragment()).contains("@")) {
            throw new ConfigException(source, field, "has an '@' after its host: a '/', '?' or '#' in the password"
                    + " must be percent-encoded (%2F, %3F, %23)");
        }
        if (url.startsWith("redis-sentinel://") || url.startsWith("rediss-sentinel://")) {
            if (!url.matches("[^#]+#[A-Za-z0-9._-]+")) {
                throw new ConfigException(source, field,
                        "a Sentinel URL must end with #<master name>: redis-sentinel://host:port[,host:port...]#name");
            }
            return url;
        }
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new ConfigException(source, field,
                    "must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://");
        }
        return url;
    }

    static Limits limits(ConfigSection section) {
        section.allowOnly("maxFrameBytes", "hardMessageBytes", "maxTextChars", "framesPerSecond", "frameBurst",
                "maxViolations", "messagesPerMinutePerConversation", "messagesPerConversation",
                "visitorBytesPerConversation", "socketsPerConversation", "framesHandledPerNode");
        int frame = section.integer("maxFrameBytes", 16_384, 512, 1_048_576);
        int hard = section.integer("hardMessageBytes", 65_536, 1024, 4_194_304);
        if (hard < frame) {
            throw section.error("hardMessageBytes", "must not be smaller than maxFrameBytes (" + frame + ")");
        }
        int text = section.integer("maxTextChars", 4000, 1, frame);
        double rate = section.number("framesPerSecond", 5, 0.1, 10_000);
        int burst = section.integer("frameBurst", 20, 1, 100_000);
        int violations = section.integer("maxViolations", 50, 1, 100_000);
        return new Limits(frame, hard, text, rate, burst, violations,
                section.integer("messagesPerMinutePerConversation", 60, 1, 100_000),
                section.integer("messagesPerConversation", 3000, 1, 1_000_000),
                section.integer("visitorBytesPerConversation", Math.max(1_000_000, frame), frame, 100_000_000),
                section.integer("socketsPerConversation", 4, 1, 100),
                section.integer("framesHandledPerNode", 10_000, 1, 1_000_000));
    }

    static AbuseSettings abuse(ConfigSection section) {
        section.allowOnly("chatsPerClientPerHour", "chatsPerNetworkPerHour", "chatsPerNodePerMinute", "blockHours");
        return new AbuseSettings(section.integer("chatsPerClientPerHour", 20, 1, 1_000_000),
                section.integer("chatsPerNetworkPerHour", 60, 1, 1_000_000),
                section.integer("chatsPerNodePerMinute", 300, 1, 1_000_000),
                Duration.ofHours(section.integer("blockHours", 24, 1, 24 * 30)));
    }

    static SessionSettings sessions(ConfigSection section) {
        section.allowOnly("idleTimeoutSeconds", "absoluteTimeoutSeconds", "passwordIterations");
        Duration idle = Duration.ofSeconds(section.integer("idleTimeoutSeconds", 1800, 60, 86_400));
        Duration absolute = Duration.ofSeconds(section.integer("absoluteTimeoutSeconds", 43_200, 1, 604_800));
        if (absolute.compareTo(idle) < 0) {
            throw section.error("absoluteTimeoutSeconds", "must be at least idleTimeoutSeconds (" + idle.toSeconds()
                    + "), got " + absolute.toSeconds());
        }
        int iterations = section.integer("passwordIterations", 210_000, 10_000, PasswordHash.MAX_ITERATIONS);
        return new SessionSettings(idle, absolute, iterations);
    }

    static Retention retention(ConfigSection section, DataKeys dataKeys) {
        section.allowOnly("endedConversationSeconds", "diskPurgeSeconds", "rewriteAppendOnlyFile");
        Duration ended = Duration.ofSeconds(section.integer("endedConversationSeconds", 86_400, 1, 31_536_000));
        Duration purge = Duration.ofSeconds(section.integer("diskPurgeSeconds", 300, 1, 86_400));
        return new Retention(ended, purge, section.bool("rewriteAppendOnlyFile", true), dataKeys);
    }

    static DashboardSettings dashboard(ConfigSection section) {
        section.allowOnly("serviceLevelSeconds", "historyHours");
        return new DashboardSettings(Duration.ofSeconds(section.integer("serviceLevelSeconds", 60, 1, 3600)),
                section.integer("historyHours", 6, 1, 24));
    }

    static StatisticsSettings statistics(ConfigSection section) {
        section.allowOnly("keepDays", "minimumCount", "timeZone");
        String zoneName = section.string("timeZone", ServiceCalendar.UTC.zone().getId());
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw section.error("timeZone", "'" + zoneName + "' is not a time zone such as Europe/Paris or UTC");
        }
        return new StatisticsSettings(section.integer("keepDays", 400, 2, 3660),
                section.integer("minimumCount", 5, 2, 100), new ServiceCalendar(zone));
    }

    static VisitorSettings visitor(ConfigSection section) {
        section.allowOnly("holdAfterExitSeconds", "quickExitUrl", "resumeCodeFailuresPerMinute");
        Duration hold = Duration.ofSeconds(section.integer("holdAfterExitSeconds", 600, 0, 86_400));
        String exit = section.string("quickExitUrl", VisitorSettings.DEFAULT_QUICK_EXIT_URL);
        if (!isHttpsUrl(exit)) {
            throw section.error("quickExitUrl", "must be an https:// address of a harmless site, got '" + exit + "'");
        }
        int failures = section.integer("resumeCodeFailuresPerMinute", 30, 1, 100_000);
        return new VisitorSettings(hold, exit, failures);
    }

    private static boolean isHttpsUrl(String value) {
        if (value.length() > 500 || !value.matches("https://[^\\s\"'<>`]+")) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
