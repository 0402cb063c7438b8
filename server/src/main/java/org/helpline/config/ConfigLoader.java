package org.helpline.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Criterion;
import org.helpline.domain.PrioritySettings;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.RoutingStep;
import org.helpline.domain.TriageVocabulary;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code server.yaml}, {@code associations.yaml} and {@code counsellors.yaml} from the configuration directory,
 * applies the environment overrides ({@code HELPLINE_HTTP_PORT}, {@code REDIS_URL}) and validates everything. Blocking
 * file reads: call it from {@code Main} or a worker, never from an event loop.
 */
public final class ConfigLoader {
    public static final String ENV_CONFIG = "HELPLINE_CONFIG";
    public static final String ENV_HTTP_PORT = "HELPLINE_HTTP_PORT";
    public static final String ENV_REDIS_URL = "REDIS_URL";
    public static final String ENV_DEMO_ACCOUNTS = "HELPLINE_DEMO_ACCOUNTS";
    public static final String ENV_WEBHOOK_SECRET = "HELPLINE_WEBHOOK_SECRET";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private ConfigLoader() {
    }

    /** The configuration directory named by {@code HELPLINE_CONFIG}, or {@code config/}. */
    public static Path directory(Map<String, String> environment) {
        return Path.of(Optional.ofNullable(environment.get(ENV_CONFIG)).filter(s -> !s.isBlank()).orElse("config"));
    }

    public static HelplineConfig load(Path directory, Map<String, String> environment) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(ENV_CONFIG, directory.toString(), "is not a directory");
        }
        ConfigSection server = read(directory, "server.yaml");
        server.allowOnly("http", "redis", "limits", "sessions", "retention", "dashboard", "visitor");
        HttpSettings http = http(server.section("http"));
        RedisSettings redis = redis(server.section("redis"), directory);
        Limits limits = limits(server.section("limits"));
        SessionSettings sessions = sessions(server.section("sessions"));
        Retention retention = retention(server.section("retention"));
        DashboardSettings dashboard = dashboard(server.section("dashboard"));
        VisitorSettings visitor = visitor(server.section("visitor"));

        TriageVocabulary triage = TriageLoader.load(directory);
        List<Association> associations = associations(read(directory, "associations.yaml"), triage);
        List<Counsellor> counsellors = counsellors(read(directory, "counsellors.yaml"), associations, triage);
        RoutingSettings routing = routing(read(directory, "routing.yaml"));
        EscalationSettings escalation = escalation(read(directory, "escalation.yaml"),
                environment.get(ENV_WEBHOOK_SECRET));
        DirectoryLoader.load(directory, triage);
        ConsoleSettings console = ConsoleSettingsLoader.load(directory, associations, limits.maxTextChars());

        String port = environment.get(ENV_HTTP_PORT);
        if (port != null && !port.isBlank()) {
            http = http.withPort(parsePort(port));
        }
        String url = environment.get(ENV_REDIS_URL);
        if (url != null && !url.isBlank()) {
            redis = redis.withUrl(checkRedisUrl(ENV_REDIS_URL, "value", url.trim()));
        }
        boolean demoAllowed = redis.embedded() || "on".equals(environment.get(ENV_DEMO_ACCOUNTS));
        if (!demoAllowed) {
            counsellors = counsellors.stream().filter(counsellor -> !counsellor.demo()).toList();
        }
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations, counsellors,
                routing, escalation, console, dashboard, visitor, triage);
    }

    /** One YAML file of the configuration directory as a section; every failure names the file. */
    static ConfigSection read(Path directory, String name) {
        Path file = directory.resolve(name);
        String label = file.toString();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (document == null) {
                return new ConfigSection(label, "", Map.of());
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new ConfigException(label, "(document)", "must be a mapping of fields");
            }
            return new ConfigSection(label, "", map);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, "(file)", "is missing");
        } catch (IOException e) {
            throw new ConfigException(label, "(file)", "cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException(label, "(syntax)", e.getMessage().replace('\n', ' '));
        }
    }

    private static HttpSettings http(ConfigSection section) {
        section.allowOnly("port", "allowedOrigins", "frameAncestors");
        int port = section.integer("port", 8080, 0, 65535);
        List<String> origins = section.strings("allowedOrigins", List.of());
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw section.error("allowedOrigins", "'" + origin + "' is not an origin such as https://example.org");
            }
        }
        List<String> ancestors = section.strings("frameAncestors", List.of("'none'"));
        for (String ancestor : ancestors) {
            if (!ancestor.matches("'none'|'self'|https://[A-Za-z0-9.*-]+(:[0-9]{1,5})?")) {
                throw section.error("frameAncestors",
                        "'" + ancestor + "' must be 'none', 'self' or an https:// origin");
            }
        }
        return new HttpSettings(port, origins, ancestors);
    }

    private static RedisSettings redis(ConfigSection section, Path directory) {
        section.allowOnly("url", "commandTimeoutMillis", "requestQueueSize", "embeddedDataDirectory");
        Optional<String> url = section.optionalString("url")
                .map(value -> checkRedisUrl(section.file(), section.field("url"), value));
        Duration timeout = Duration.ofMillis(section.integer("commandTimeoutMillis", 2000, 50, 60_000));
        int queue = section.integer("requestQueueSize", 10_000, 16, 1_000_000);
        Path data = Path.of(section.string("embeddedDataDirectory", "data/redis"));
        return new RedisSettings(url, timeout, queue, data);
    }

    private static Limits limits(ConfigSection section) {
        section.allowOnly("maxFrameBytes", "hardMessageBytes", "maxTextChars", "framesPerSecond", "frameBurst",
                "maxViolations");
        int frame = section.integer("maxFrameBytes", 16_384, 512, 1_048_576);
        int hard = section.integer("hardMessageBytes", 65_536, 1024, 4_194_304);
        if (hard < frame) {
            throw section.error("hardMessageBytes", "must not be smaller than maxFrameBytes (" + frame + ")");
        }
        int text = section.integer("maxTextChars", 4000, 1, frame);
        double rate = section.number("framesPerSecond", 5, 0.1, 10_000);
        int burst = section.integer("frameBurst", 20, 1, 100_000);
        int violations = section.integer("maxViolations", 50, 1, 100_000);
        return new Limits(frame, hard, text, rate, burst, violations);
    }

    private static SessionSettings sessions(ConfigSection section) {
        section.allowOnly("idleTimeoutSeconds", "absoluteTimeoutSeconds", "passwordIterations");
        Duration idle = Duration.ofSeconds(section.integer("idleTimeoutSeconds", 1800, 1, 86_400));
        Duration absolute = Duration.ofSeconds(section.integer("absoluteTimeoutSeconds", 43_200, 1, 604_800));
        int iterations = section.integer("passwordIterations", 210_000, 10_000, 10_000_000);
        return new SessionSettings(idle, absolute, iterations);
    }

    private static Retention retention(ConfigSection section) {
        section.allowOnly("endedConversationSeconds");
        return new Retention(Duration.ofSeconds(section.integer("endedConversationSeconds", 86_400, 1, 31_536_000)));
    }

    private static DashboardSettings dashboard(ConfigSection section) {
        section.allowOnly("serviceLevelSeconds", "historyHours");
        return new DashboardSettings(Duration.ofSeconds(section.integer("serviceLevelSeconds", 60, 1, 3600)),
                section.integer("historyHours", 6, 1, 24));
    }

    private static VisitorSettings visitor(ConfigSection section) {
        section.allowOnly("holdAfterExitSeconds", "quickExitUrl", "resumeCodeFailuresPerMinute");
        Duration hold = Duration.ofSeconds(section.integer("holdAfterExitSeconds", 600, 0, 86_400));
        String exit = section.string("quickExitUrl", VisitorSettings.DEFAULT_QUICK_EXIT_URL);
        if (!isHttpsUrl(exit)) {
            throw section.error("quickExitUrl", "must be an https:// address of a harmless site, got '" + exit + "'");
        }
        int failures = section.integer("resumeCodeFailuresPerMinute", 600, 1, 100_000);
        return new VisitorSettings(hold, exit, failures);
    }

    private static boolean isHttpsUrl(String value) {
        if (value.length() > 500 || !value.matches("https://[^\\s\"'<>`]+")) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            return uri.getHost() != null && uri.getUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static List<Association> associations(ConfigSection file, TriageVocabulary triage) {
        file.allowOnly("associations");
        List<Association> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : file.sections("associations")) {
            entry.allowOnly("id", "name", "topics", "regions", "languages", "openingHours", "defaultCapacity",
                    "routingMode", "allowPick");
            String id = id(entry, "id");
            if (!ids.add(id)) {
                throw entry.error("id", "'" + id + "' is used twice");
            }
            String mode = entry.string("routingMode", "offer");
            RoutingMode routingMode = RoutingMode.fromWire(mode)
                    .orElseThrow(() -> entry.error("routingMode", "must be offer or direct, got '" + mode + "'"));
            Set<String> regions = codes(entry, "regions", CODE, List.of(Association.NATIONAL));
            result.add(new Association(id, entry.string("name"), topics(entry, List.of(), triage),
                    regions, codes(entry, "languages", LANGUAGE, List.of("fr")),
                    OpeningHoursReader.read(entry, "openingHours"), entry.integer("defaultCapacity", 3, 1, 50),
                    routingMode, entry.bool("allowPick", false)));
        }
        if (result.isEmpty()) {
            throw new ConfigException(file.file(), "associations", "must list at least one association");
        }
        return result;
    }

    private static List<Counsellor> counsellors(ConfigSection file, List<Association> associations,
                                                TriageVocabulary triage) {
        file.allowOnly("counsellors");
        List<Counsellor> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigSection entry : file.sections("counsellors")) {
            entry.allowOnly("id", "displayName", "association", "languages", "topics", "capacity", "passwordHash",
                    "supervisor", "demo");
            String id = id(entry, "id");
            if (!ids.add(id)) {
                throw entry.error("id", "'" + id + "' is used twice");
            }
            String associationId = entry.string("association");
            Association association = associations.stream().filter(a -> a.id().equals(associationId)).findFirst()
                    .orElseThrow(() -> entry.error("association", "'" + associationId
                            + "' is not an association listed in associations.yaml"));
            String hash = entry.string("passwordHash");
            if (!hash.startsWith("$pbkdf2$it=")) {
                throw entry.error("passwordHash", "must be a PBKDF2 hash made with 'java -jar "
                        + "server/target/helpline-server.jar hash-password'");
            }
            result.add(new Counsellor(id, entry.string("displayName"), associationId,
                    codes(entry, "languages", LANGUAGE, List.copyOf(association.languages())),
                    topics(entry, List.copyOf(association.topics()), triage),
                    entry.integer("capacity", association.defaultCapacity(), 1, 50), hash,
                    entry.bool("supervisor", false), entry.bool("demo", false)));
        }
        return result;
    }

    private static Set<String> codes(ConfigSection entry, String key, Pattern shape, List<String> fallback) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : entry.strings(key, fallback)) {
            if (!shape.matcher(code).matches()) {
                throw entry.error(key, "'" + code + "' is not a short code (letters, digits, '-', '_')");
            }
            codes.add(code);
        }
        return codes;
    }

    /** The {@code topics} field of an entry: topics of the triage vocabulary only. */
    static Set<String> topics(ConfigSection entry, List<String> fallback, TriageVocabulary triage) {
        Set<String> topics = codes(entry, "topics", CODE, fallback);
        for (String topic : topics) {
            if (triage.topic(topic).isEmpty()) {
                throw entry.error("topics", "'" + topic + "' is not a topic listed in " + TriageLoader.FILE);
            }
        }
        return topics;
    }

    private static RoutingSettings routing(ConfigSection file) {
        file.allowOnly("priority", "offers", "presence", "steps");
        ConfigSection priority = file.section("priority");
        priority.allowOnly("dangerHeadStartMinutes", "childrenHeadStartMinutes");
        ConfigSection offers = file.section("offers");
        offers.allowOnly("acceptTimeoutSeconds", "maxMissedInARow", "declineCooldownSeconds");
        ConfigSection presence = file.section("presence");
        presence.allowOnly("consoleLeaseSeconds", "heartbeatTimeoutSeconds", "reconnectGraceSeconds");
        List<RoutingStep> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ConfigSection> entries = file.sections("steps");
        for (int i = 0; i < entries.size(); i++) {
            ConfigSection step = entries.get(i);
            step.allowOnly("name", "match", "timeoutSeconds");
            String name = id(step, "name");
            if (!names.add(name)) {
                throw step.error("name", "'" + name + "' is used twice");
            }
            Set<Criterion> criteria = new LinkedHashSet<>();
            for (String value : step.strings("match", List.of())) {
                criteria.add(Criterion.fromWire(value).orElseThrow(() -> step.error("match",
                        "'" + value + "' is not one of region, topic, language")));
            }
            boolean last = i == entries.size() - 1;
            int timeout = step.integer("timeoutSeconds", last ? 0 : -1, last ? 0 : 1, 86_400);
            if (timeout < 0) {
                throw step.error("timeoutSeconds", "is required on every step but the last");
            }
            steps.add(new RoutingStep(name, criteria, Duration.ofSeconds(timeout)));
        }
        if (steps.isEmpty()) {
            throw new ConfigException(file.file(), "steps", "must list at least one step");
        }
        return new RoutingSettings(
                new PrioritySettings(Duration.ofMinutes(priority.integer("dangerHeadStartMinutes", 120, 0, 10_080)),
                        Duration.ofMinutes(priority.integer("childrenHeadStartMinutes", 20, 0, 10_080))),
                Duration.ofSeconds(offers.integer("acceptTimeoutSeconds", 20, 1, 600)),
                offers.integer("maxMissedInARow", 3, 1, 100),
                Duration.ofSeconds(offers.integer("declineCooldownSeconds", 120, 0, 86_400)),
                Duration.ofSeconds(presence.integer("consoleLeaseSeconds", 30, 3, 600)),
                Duration.ofSeconds(presence.integer("heartbeatTimeoutSeconds", 60, 3, 3600)),
                Duration.ofSeconds(presence.integer("reconnectGraceSeconds", 20, 0, 3600)),
                steps);
    }

    private static EscalationSettings escalation(ConfigSection file, String secretFromEnvironment) {
        file.allowOnly("webhook", "scripts");
        ConfigSection webhook = file.section("webhook");
        webhook.allowOnly("url", "secret", "maxAttempts", "firstRetrySeconds", "timeoutSeconds", "maxPending");
        Optional<String> url = webhook.optionalString("url");
        url.ifPresent(value -> {
            if (!value.startsWith("https://") && !value.startsWith("http://")) {
                throw webhook.error("url", "must be an http:// or https:// URL");
            }
        });
        String secret = secretFromEnvironment != null && !secretFromEnvironment.isBlank() ? secretFromEnvironment
                : webhook.string("secret", "");
        if (url.isPresent() && secret.length() < 16) {
            throw webhook.error("secret", "a webhook needs a secret of at least 16 characters (or "
                    + ENV_WEBHOOK_SECRET + ")");
        }
        Map<String, Map<String, String>> scripts = new HashMap<>();
        ConfigSection texts = file.section("scripts");
        texts.allowOnly("emergency", "service");
        for (String kind : List.of("emergency", "service")) {
            Map<String, String> byLanguage = new HashMap<>();
            Object raw = texts.raw(kind);
            if (raw instanceof Map<?, ?> languages) {
                ConfigSection section = texts.section(kind);
                for (Object language : languages.keySet()) {
                    byLanguage.put(String.valueOf(language), section.string(String.valueOf(language)));
                }
            }
            scripts.put(kind, byLanguage);
        }
        return new EscalationSettings(url, secret, webhook.integer("maxAttempts", 6, 1, 20),
                Duration.ofSeconds(webhook.integer("firstRetrySeconds", 1, 1, 600)),
                Duration.ofSeconds(webhook.integer("timeoutSeconds", 5, 1, 60)),
                webhook.integer("maxPending", 1000, 1, 100_000), scripts);
    }

    static String id(ConfigSection entry, String key) {
        String id = entry.string(key);
        if (!ID.matcher(id).matches()) {
            throw entry.error(key, "'" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        return id;
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

    private static String checkRedisUrl(String source, String field, String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new ConfigException(source, field, "must start with redis:// or rediss://");
        }
        return url;
    }
}
