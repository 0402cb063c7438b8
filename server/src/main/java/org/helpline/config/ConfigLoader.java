package org.helpline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Directory;
import org.helpline.domain.Roster;
import org.helpline.domain.TriageVocabulary;

/**
 * Reads every file of the configuration directory (server, triage, associations, counsellors, routing, escalation,
 * directory, console; one loader or reader per file), applies the environment overrides ({@code HELPLINE_HTTP_PORT},
 * {@code REDIS_URL}, {@code HELPLINE_DEMO_ACCOUNTS}, {@code HELPLINE_WEBHOOK_SECRET},
 * {@code HELPLINE_METRICS_TOKEN}, the data keys of {@link DataKeys}) and validates everything. Blocking file reads:
 * call it from {@code Main} or a worker, never from an event loop.
 */
public final class ConfigLoader {
    public static final String ENV_CONFIG = "HELPLINE_CONFIG";
    public static final String ENV_HTTP_PORT = "HELPLINE_HTTP_PORT";
    public static final String ENV_REDIS_URL = "REDIS_URL";
    public static final String ENV_DEMO_ACCOUNTS = "HELPLINE_DEMO_ACCOUNTS";
    public static final String ENV_WEBHOOK_SECRET = "HELPLINE_WEBHOOK_SECRET";
    public static final String ENV_METRICS_TOKEN = "HELPLINE_METRICS_TOKEN";

    private ConfigLoader() {
    }

    /** The configuration directory named by {@code HELPLINE_CONFIG}, or {@code config/}. */
    public static Path directory(Map<String, String> environment) {
        return Path.of(Optional.ofNullable(environment.get(ENV_CONFIG)).filter(s -> !s.isBlank()).orElse("config"));
    }

    /**
     * The iterations of the password hashes the server is told its counsellors' hashes have
     * ({@code sessions.passwordIterations} of server.yaml), read alone: what {@code hash-password} makes, even while
     * another file is being edited.
     */
    public static int passwordIterations(Path directory) {
        return ServerSettingsReader.sessions(serverFile(directory).section("sessions")).passwordIterations();
    }

    public static HelplineConfig load(Path directory, Map<String, String> environment) {
        ConfigSection server = serverFile(directory);
        server.allowOnly("http", "metrics", "redis", "limits", "abuse", "sessions", "login", "retention",
                "dashboard", "visitor", "statistics");
        HttpSettings http = ServerSettingsReader.http(server.section("http"));
        MetricsSettings metrics = ServerSettingsReader.metrics(server.section("metrics"));
        RedisSettings redis = ServerSettingsReader.redis(server.section("redis"));
        Limits limits = ServerSettingsReader.limits(server.section("limits"));
        AbuseSettings abuse = ServerSettingsReader.abuse(server.section("abuse"));
        SessionSettings sessions = ServerSettingsReader.sessions(server.section("sessions"));
        LoginSettings login = ServerSettingsReader.login(server.section("login"));
        Retention retention = ServerSettingsReader.retention(server.section("retention"),
                DataKeys.fromEnvironment(environment));
        DashboardSettings dashboard = ServerSettingsReader.dashboard(server.section("dashboard"));
        VisitorSettings visitor = ServerSettingsReader.visitor(server.section("visitor"));
        StatisticsSettings statistics = ServerSettingsReader.statistics(server.section("statistics"));

        TriageVocabulary triage = TriageLoader.load(directory);
        List<Association> associations = AssociationsLoader.load(directory, triage);
        List<Counsellor> counsellors = CounsellorsLoader.load(directory, associations, triage,
                sessions.passwordIterations());
        RoutingSettings routing = RoutingSettingsLoader.load(directory);
        EscalationSettings escalation = EscalationSettingsLoader.load(directory, environment.get(ENV_WEBHOOK_SECRET));
        Directory hotlines = DirectoryLoader.load(directory, triage);
        ConsoleSettings console = ConsoleSettingsLoader.load(directory, associations, limits.maxTextChars());

        String port = environment.get(ENV_HTTP_PORT);
        if (port != null && !port.isBlank()) {
            http = http.withPort(parsePort(port));
        }
        String url = environment.get(ENV_REDIS_URL);
        if (url != null && !url.isBlank()) {
            redis = redis.withUrl(ServerSettingsReader.redisUrl(ENV_REDIS_URL, "value", url.trim()));
        }
        String metricsToken = environment.get(ENV_METRICS_TOKEN);
        if (metricsToken != null && !metricsToken.isBlank()) {
            metrics = metrics.withToken(ServerSettingsReader.metricsToken(ENV_METRICS_TOKEN, "value",
                    metricsToken.trim()));
        }
        boolean demoAllowed = redis.embedded() || "on".equals(environment.get(ENV_DEMO_ACCOUNTS));
        if (!demoAllowed) {
            counsellors = counsellors.stream().filter(counsellor -> !counsellor.demo()).toList();
        }
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations,
                Roster.of(counsellors), routing, escalation, console, dashboard, visitor, abuse, triage, hotlines,
                metrics, login, statistics);
    }

    /** server.yaml of the configuration directory, which must be one. */
    private static ConfigSection serverFile(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(ENV_CONFIG, directory.toString(), "is not a directory");
        }
        return ConfigSection.read(directory, ServerSettingsReader.FILE);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("environment variable " + ENV_HTTP_PORT, "value",
                "must be a port number between 0 and 65535, got '" + value + "'");
    }
}
