package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.auth.Passwords;
import org.helpline.domain.Association;
import org.helpline.domain.OpeningHours;
import org.helpline.domain.RoutingMode;
import org.helpline.domain.ServiceCalendar;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Instant SUNDAY_3AM = Instant.parse("2026-03-01T02:00:00Z");

    @TempDir
    Path directory;

    @Test
    void theShippedConfigurationLoadsWithItsDemoAccounts() {
        HelplineConfig config = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of());
        assertEquals(8080, config.http().port());
        assertTrue(config.redis().embedded());
        assertTrue(config.hasDemoAccounts());
        assertTrue(config.counsellor("demo.amina").isPresent());
        assertEquals(4000, config.limits().maxTextChars());
    }

    @Test
    void environmentOverridesPortAndRedisAndDropsDemoAccountsOutsideTheEmbeddedDefault() {
        HelplineConfig config = ConfigLoader.load(TestConfig.shippedDirectory(),
                Map.of("HELPLINE_HTTP_PORT", "9090", "REDIS_URL", "redis://redis.internal:6379"));
        assertEquals(9090, config.http().port());
        assertFalse(config.redis().embedded());
        assertFalse(config.hasDemoAccounts());
        HelplineConfig demo = ConfigLoader.load(TestConfig.shippedDirectory(),
                Map.of("REDIS_URL", "redis://redis.internal:6379", "HELPLINE_DEMO_ACCOUNTS", "on"));
        assertTrue(demo.hasDemoAccounts());
    }

    @Test
    void aWrongFieldNamesTheFileAndTheField() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "http:\n  port: eighty\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("server.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains("http.port"), error.getMessage());
    }

    @Test
    void aWebhookUrlThatCannotBeCalledIsRefusedAtStart() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("escalation.yaml"), "webhook:\n  url: \"https://oncall.example.org:84x/\""
                + "\n  secret: \"0123456789abcdef\"\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("webhook.url"), error.getMessage());
        Files.writeString(directory.resolve("escalation.yaml"), "webhook:\n  url: \"https://oncall.example.org:8443/h\""
                + "\n  secret: \"0123456789abcdef\"\n");
        assertEquals("https://oncall.example.org:8443/h", ConfigLoader.load(directory, Map.of()).escalation()
                .webhookUrl().orElseThrow());
    }

    @Test
    void aCountryWithoutAnEmergencyNumberIsRefused() throws IOException {
        ShippedConfig.copyInto(directory);
        Path file = directory.resolve("directory.yaml");
        Files.writeString(file, Files.readString(file).replace("countries:\n",
                "countries:\n  BE:\n    regionPattern: \"bruxelles|liege\"\n"));
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("countries.BE") && error.getMessage().contains("no emergency number"),
                error.getMessage());
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "limits:\n  maxTextChar: 10\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("limits.maxTextChar"), error.getMessage());
    }

    @Test
    void theDashboardSettingsHaveDefaultsAndBounds() throws IOException {
        HelplineConfig shipped = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of());
        assertEquals(Duration.ofSeconds(60), shipped.dashboard().serviceLevel());
        assertEquals(6, shipped.dashboard().historyHours());
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "dashboard:\n  serviceLevelSeconds: 30\n");
        assertEquals(Duration.ofSeconds(30), ConfigLoader.load(directory, Map.of()).dashboard()
                .serviceLevel());
        assertEquals(6, ConfigLoader.load(directory, Map.of()).dashboard().historyHours(), "the default");
        Files.writeString(directory.resolve("server.yaml"), "dashboard:\n  historyHours: 48\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("dashboard.historyHours"), error.getMessage());
    }

    @Test
    void theEventLoopsDefaultToOneAndAreBounded() throws IOException {
        assertEquals(1, ConfigLoader.load(TestConfig.shippedDirectory(), Map.of()).http().eventLoops());
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "http:\n  port: 8080\n");
        assertEquals(1, ConfigLoader.load(directory, Map.of()).http().eventLoops(), "the default");
        Files.writeString(directory.resolve("server.yaml"), "http:\n  eventLoops: 4\n");
        assertEquals(4, ConfigLoader.load(directory, Map.of()).http().eventLoops());
        Files.writeString(directory.resolve("server.yaml"), "http:\n  eventLoops: 0\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("http.eventLoops"), error.getMessage());
    }

    @Test
    void theStatisticsSettingsHaveDefaultsAndBounds() throws IOException {
        HelplineConfig shipped = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of());
        assertEquals(new StatisticsSettings(400, 5, ServiceCalendar.UTC), shipped.statistics());
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "statistics:\n  keepDays: 800\n");
        assertEquals(new StatisticsSettings(800, 5, ServiceCalendar.UTC),
                ConfigLoader.load(directory, Map.of()).statistics());
        for (String wrong : List.of("keepDays: 0", "keepDays: 1", "keepDays: many", "minimumCount: 1",
                "minimumCount: 101")) {
            Files.writeString(directory.resolve("server.yaml"), "statistics:\n  " + wrong + "\n");
            ConfigException error = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(directory, Map.of()));
            String field = "statistics." + wrong.substring(0, wrong.indexOf(':'));
            assertTrue(error.getMessage().contains("server.yaml") && error.getMessage().contains(field),
                    error.getMessage());
        }
    }

    @Test
    void theStatisticsTimeZoneIsUtcUnlessSetAndAnUnknownZoneIsRefused() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "statistics:\n  timeZone: Europe/Paris\n");
        assertEquals(new ServiceCalendar(ZoneId.of("Europe/Paris")),
                ConfigLoader.load(directory, Map.of()).statistics().calendar());
        for (String unknown : List.of("Europe/Lille", "Paris", "CET+1", "Mars/Olympus_Mons")) {
            Files.writeString(directory.resolve("server.yaml"), "statistics:\n  timeZone: " + unknown + "\n");
            ConfigException error = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(directory, Map.of()), unknown);
            assertTrue(error.getMessage().contains("server.yaml") && error.getMessage().contains("statistics.timeZone")
                    && error.getMessage().contains("'" + unknown + "'"), error.getMessage());
        }
    }

    @Test
    void aCounsellorOfAnUnknownAssociationIsRefused() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("counsellors.yaml"), "counsellors:\n  - id: x\n    displayName: X\n"
                + "    association: nowhere\n    passwordHash: \"" + ShippedConfig.HASH + "\"\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("counsellors.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains("counsellors[0].association"), error.getMessage());
    }

    @Test
    void brokenYamlAndMissingFilesAreReportedByFile() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("associations.yaml"), "associations: [\n");
        ConfigException broken = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(broken.getMessage().contains("associations.yaml"), broken.getMessage());
        Files.delete(directory.resolve("associations.yaml"));
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(missing.getMessage().contains("associations.yaml: (file): is missing"), missing.getMessage());
    }

    @Test
    void theShippedNetworkAndPolicyLoad() {
        HelplineConfig config = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of());
        assertEquals(4, config.routing().steps().size());
        assertEquals("anyone", config.routing().steps().get(3).name());
        assertTrue(config.routing().steps().get(3).criteria().isEmpty());
        var associations = config.associationsById();
        assertTrue(associations.get("siao-hainaut").topics().contains("shelter"));
        assertEquals(RoutingMode.DIRECT, associations.get("siao-hainaut").routingMode());
        assertTrue(associations.get("victim-support-nord").allowPick());
        OpeningHours always = associations.get("national-listening-line").openingHours();
        assertTrue(always.isOpen(SUNDAY_3AM) && always.isOpen(Instant.parse("2026-03-04T11:30:00Z")), "at all hours");
        assertTrue(config.counsellor("demo.louise").orElseThrow().topics().contains("legal-advice"),
                "a counsellor inherits the association's topics");
    }

    @Test
    void routingMistakesNameTheField() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("routing.yaml"), "steps:\n  - name: first\n    match: [region, mood]\n"
                + "    timeoutSeconds: 10\n  - name: last\n");
        ConfigException criterion = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(criterion.getMessage().contains("routing.yaml: steps[0].match"), criterion.getMessage());
        Files.writeString(directory.resolve("routing.yaml"), "steps:\n  - name: first\n  - name: last\n");
        ConfigException timeout = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(timeout.getMessage().contains("steps[0].timeoutSeconds"), timeout.getMessage());
    }

    @Test
    void associationMistakesNameTheField() throws IOException {
        ShippedConfig.copyInto(directory);
        String counsellors = "counsellors: []\n";
        Files.writeString(directory.resolve("counsellors.yaml"), counsellors);
        Files.writeString(directory.resolve("associations.yaml"), "associations:\n  - id: a\n    name: A\n"
                + "    routingMode: broadcast\n");
        ConfigException mode = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(mode.getMessage().contains("associations[0].routingMode"), mode.getMessage());
        Files.writeString(directory.resolve("associations.yaml"), "associations:\n  - id: a\n    name: A\n"
                + "    openingHours:\n      timeZone: Europe/Lille\n");
        ConfigException zone = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(zone.getMessage().contains("openingHours.timeZone"), zone.getMessage());
        Files.writeString(directory.resolve("associations.yaml"), "associations:\n  - id: a\n    name: A\n"
                + "    openingHours:\n      timeZone: Europe/Paris\n      monday: [\"9h-17h\"]\n");
        ConfigException range = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(range.getMessage().contains("openingHours.monday"), range.getMessage());
        for (String reserved : new String[] {"all", "none"}) { // the statistics export's rows of its own
            Files.writeString(directory.resolve("associations.yaml"), "associations:\n  - id: " + reserved
                    + "\n    name: A\n");
            ConfigException name = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
            assertTrue(name.getMessage().contains("associations[0].id") && name.getMessage().contains("reserved"),
                    name.getMessage());
        }
    }

    @Test
    void badEnvironmentValuesAreNamed() {
        ConfigException port = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                TestConfig.shippedDirectory(), Map.of("HELPLINE_HTTP_PORT", "http")));
        assertTrue(port.getMessage().contains("HELPLINE_HTTP_PORT"), port.getMessage());
        ConfigException redis = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                TestConfig.shippedDirectory(), Map.of("REDIS_URL", "http://secret@host")));
        assertTrue(redis.getMessage().contains("REDIS_URL"), redis.getMessage());
        assertFalse(redis.getMessage().contains("secret"), "the URL (which may hold a password) is not echoed");
        ConfigException unparsable = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                TestConfig.shippedDirectory(), Map.of("REDIS_URL", "redis://:se cret%@host:6379")));
        assertTrue(unparsable.getMessage().contains("percent-encoded"), unparsable.getMessage());
        assertFalse(unparsable.getMessage().contains("cret"), "the client would have quoted it: " + unparsable);
        ConfigException slash = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                TestConfig.shippedDirectory(), Map.of("REDIS_URL", "redis://:pa/ss@host:6379")));
        assertFalse(slash.getMessage().contains("ss@"), "read as a path, the client would have quoted it: " + slash);
        assertEquals(Optional.of("rediss://:pa%2Fss@[::1]:6380/2?timeout=5s"), ConfigLoader.load(
                TestConfig.shippedDirectory(), Map.of("REDIS_URL", "rediss://:pa%2Fss@[::1]:6380/2?timeout=5s"))
                .redis().url());
    }

    @Test
    void aSentinelUrlNamesItsMaster() {
        String sentinels = "redis-sentinel://secret@sentinel-1:26379,sentinel-2:26379,sentinel-3:26379";
        HelplineConfig config = ConfigLoader.load(TestConfig.shippedDirectory(),
                Map.of("REDIS_URL", sentinels + "/0#helpline"));
        assertEquals(Optional.of(sentinels + "/0#helpline"), config.redis().url());
        ConfigException nameless = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                TestConfig.shippedDirectory(), Map.of("REDIS_URL", sentinels)));
        assertTrue(nameless.getMessage().contains("#<master name>"), nameless.getMessage());
        assertFalse(nameless.getMessage().contains("secret"), "the URL (which may hold a password) is not echoed");
        ConfigException slash = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                TestConfig.shippedDirectory(),
                Map.of("REDIS_URL", "redis-sentinel://pa/ss@sentinel-1:26379#helpline")));
        assertTrue(slash.getMessage().contains("percent-encoded"), slash.getMessage());
        assertFalse(slash.getMessage().contains("ss@"), "read as a path, the client would have quoted it: " + slash);
    }

    @Test
    void theVisitorSettingsHaveSafeDefaultsAndRefuseAQuickExitThatIsNotHttps() throws IOException {
        HelplineConfig shipped = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of());
        assertEquals(Duration.ofMinutes(10), shipped.visitor().holdAfterExit());
        assertTrue(shipped.visitor().quickExitUrl().startsWith("https://"));
        assertEquals(30, shipped.visitor().resumeCodeFailuresPerMinute());

        ShippedConfig.copyInto(directory);
        for (String wrong : new String[]{"http://weather.example", "javascript:alert(1)", "https://", "weather"}) {
            Files.writeString(directory.resolve("server.yaml"), "visitor:\n  quickExitUrl: \"" + wrong + "\"\n");
            ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
            assertTrue(error.getMessage().contains("visitor.quickExitUrl"), error.getMessage());
        }
        Files.writeString(directory.resolve("server.yaml"), "visitor:\n  holdAfterExitSeconds: -5\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of())).getMessage()
                .contains("visitor.holdAfterExitSeconds"));
        Files.writeString(directory.resolve("server.yaml"), "visitor:\n  holdAfterExitSeconds: 120\n"
                + "  quickExitUrl: https://meteofrance.com/\n");
        HelplineConfig custom = ConfigLoader.load(directory, Map.of());
        assertEquals(Duration.ofMinutes(2), custom.visitor().holdAfterExit());
        assertEquals("https://meteofrance.com/", custom.visitor().quickExitUrl());
    }

    @Test
    void frameAncestorsAreHttpsOriginsOrPlainHttpOnOnesOwnMachine() throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("server.yaml"), "http:\n  frameAncestors: [\"https://partner.example\", "
                + "\"http://localhost:8000\", \"http://127.0.0.1\", \"http://[::1]:5173\", \"http://localhost:*\"]\n");
        HttpSettings http = ConfigLoader.load(directory, Map.of()).http();
        assertEquals(List.of("http://localhost:8000", "http://127.0.0.1", "http://[::1]:5173", "http://localhost:*"),
                http.localHttpFrameAncestors());
        for (String wrong : new String[]{"http://partner.example", "http://localhost.partner.example",
            "http://127.0.0.2", "ftp://localhost"}) {
            Files.writeString(directory.resolve("server.yaml"), "http:\n  frameAncestors: [\"" + wrong + "\"]\n");
            ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
            assertTrue(error.getMessage().contains("server.yaml") && error.getMessage().contains("http.frameAncestors")
                    && error.getMessage().contains(wrong), error.getMessage());
        }
    }

    @Test
    void aFieldGivenTwiceIsRefusedWithItsLine() throws IOException {
        ShippedConfig.copyInto(directory);
        Path server = directory.resolve("server.yaml");
        String shipped = Files.readString(server);
        // an override block appended at the end: SnakeYAML alone would have dropped the whole first sessions block
        Files.writeString(server, shipped + "\nsessions:\n  absoluteTimeoutSeconds: 604800\n");
        ConfigException section = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(section.getMessage().contains("server.yaml: (syntax): found duplicate key sessions at line "
                + (lines(shipped) + 2) + ", column 1"), section.getMessage());

        Files.writeString(server, shipped);
        Path counsellors = directory.resolve("counsellors.yaml");
        String accounts = Files.readString(counsellors);
        String capacity = "    capacity: 2\n"; // demo.louise's
        Files.writeString(counsellors, accounts.replace(capacity, capacity + "    capacity: 50\n"));
        ConfigException field = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(field.getMessage().contains("counsellors.yaml: (syntax): found duplicate key capacity at line "
                + (lines(accounts.substring(0, accounts.indexOf(capacity))) + 2) + ", column 5"), field.getMessage());

        Files.writeString(counsellors, accounts);
        Files.writeString(server, "metrics:\n  token: \"first-token-secret-1\"\n  token: \"other-token-secret-2\"\n");
        ConfigException token = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(token.getMessage().contains("duplicate key token at line 3, column 3"), token.getMessage());
        assertFalse(token.getMessage().contains("token-secret"), "no line of the file is quoted: " + token);
    }

    private static long lines(String text) {
        return text.chars().filter(c -> c == '\n').count();
    }

    @Test
    void aPasswordHashIsReadWholeWithEnoughIterations() throws IOException {
        ShippedConfig.copyInto(directory);
        Path file = directory.resolve("counsellors.yaml");
        String shipped = Files.readString(file);
        Matcher louise = Pattern.compile("\n  - id: demo\\.louise\n(    .*\n)*?    passwordHash: \"([^\"]+)\"")
                .matcher(shipped);
        assertTrue(louise.find(), "demo.louise's hash");
        String hash = louise.group(2);
        String field = "counsellors.yaml: counsellors[" + count(shipped.substring(0, louise.start() + 1), "  - id: ")
                + "].passwordHash: ";
        String weak = Passwords.hash("a counsellor's password", 10_000);
        Map<String, String> wrong = Map.of(
                hash.substring(0, hash.length() - 10), "64-byte hash in base64 without padding (86 characters; cut",
                hash.substring(0, 40), "is not a whole hash of the form $pbkdf2$it=<iterations>$<salt>$<hash>",
                hash + "==", "64-byte hash in base64 without padding",
                hash.replace("$pbkdf2$", "$sha512$"), "is not a whole hash of the form",
                hash.replace("it=210000", "it=abc"), "must give its iterations as it=<whole number>",
                hash.replace("it=210000", "it=1"), "has 1 iterations, fewer than sessions.passwordIterations (210000)",
                hash.replace("it=210000", "it=20000000"), "has 20000000 iterations, more than 10000000",
                hash.replace(hash.split("\\$")[3], "c2FsdA=="), "has a salt that is not base64 of at least 16 bytes",
                weak, "has 10000 iterations, fewer than sessions.passwordIterations (210000) of server.yaml");
        for (Map.Entry<String, String> mistake : wrong.entrySet()) {
            String text = mistake.getKey();
            Files.writeString(file, shipped.replace(hash, text));
            ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
            assertTrue(error.getMessage().contains(field) && error.getMessage().contains(mistake.getValue()),
                    error.getMessage());
            assertTrue(error.getMessage().contains("hash-password"), "says how to make a good one: " + error);
            assertFalse(error.getMessage().contains(text.substring(text.length() - 12)), "the hash is not quoted");
        }

        // the floor is the iterations the server is told its hashes have (a test or a load run lowers both)
        Path server = directory.resolve("server.yaml");
        Files.writeString(server, Files.readString(server).replace("passwordIterations: 210000 ",
                "passwordIterations: 10000 "));
        Files.writeString(file, shipped.replace(hash, weak));
        HelplineConfig config = ConfigLoader.load(directory, Map.of());
        assertEquals(10_000, config.sessions().passwordIterations(), "the test changed the setting");
        assertEquals(weak, config.counsellor("demo.louise").orElseThrow().passwordHash());
        assertTrue(Passwords.verify(weak, "a counsellor's password"));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anAssociationSaysWhatItTakesInWhichLanguagesAndWhenItOpens() throws IOException {
        ShippedConfig.copyInto(directory);
        Path file = directory.resolve("associations.yaml");
        String shipped = Files.readString(file);
        String added = "associations.yaml: associations[" + count(shipped, "\n  - id: ") + "].";
        String entry = "\n  - id: added\n    name: Added\n";
        String topics = "    topics: [shelter]\n";
        String week = "    openingHours:\n      timeZone: Europe/Paris\n";
        Map<String, String> wrong = Map.of(
                "    languages: [fr]\n", "topics: must list the topics of triage.yaml its counsellors take",
                "    topics: []\n", "topics: must list the topics of triage.yaml",
                topics + "    languages: []\n", "languages: must list at least one language",
                topics + "    regions: []\n", "regions: must list at least one region",
                topics + "    languages: [FR, en]\n", "languages: 'FR' is not a language code: lower-case ISO 639",
                topics + week, "openingHours: never opens",
                topics + week + "      monday: []\n      sunday: []\n", "openingHours: never opens");
        for (Map.Entry<String, String> mistake : wrong.entrySet()) {
            Files.writeString(file, shipped + entry + mistake.getKey());
            ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
            assertTrue(error.getMessage().contains(added + mistake.getValue()), error.getMessage());
        }
        Files.writeString(file, shipped + entry + topics + week + "      sunday: [\"10:00-12:00\"]\n");
        Association association = ConfigLoader.load(directory, Map.of()).associationsById().get("added");
        assertEquals(Set.of("shelter"), association.topics());
        assertEquals(Set.of("fr"), association.languages(), "the default");
        assertEquals(Set.of(Association.NATIONAL), association.regions(), "the default");
        assertTrue(association.openingHours().isOpen(Instant.parse("2026-03-01T10:00:00Z")), "Sunday 11:00 in Paris");
    }

    @Test
    void aCounsellorListingNoLanguageOrNoTopicIsRefused() throws IOException {
        ShippedConfig.copyInto(directory);
        Path file = directory.resolve("counsellors.yaml");
        String shipped = Files.readString(file);
        String languages = "    languages: [fr, en]\n"; // demo.amina's, the first account
        Map<String, String> wrong = Map.of(
                "    languages: []\n", "counsellors[0].languages: must list at least one language (leave the field "
                        + "out to take the association's)",
                languages + "    topics: []\n", "counsellors[0].topics: must list at least one topic",
                "    languages: [FR, en]\n", "counsellors[0].languages: 'FR' is not a language code: lower-case ISO "
                        + "639, such as fr, en or ar");
        for (Map.Entry<String, String> mistake : wrong.entrySet()) {
            Files.writeString(file, shipped.replace(languages, mistake.getKey()));
            ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
            assertTrue(error.getMessage().contains("counsellors.yaml: " + mistake.getValue()), error.getMessage());
        }
    }

    @Test
    void aHotlineThatNeverOpensIsRefused() throws IOException {
        ShippedConfig.copyInto(directory);
        Path file = directory.resolve("directory.yaml");
        String shipped = Files.readString(file);
        String week = "      monday: [\"09:00-17:30\"]\n      tuesday: [\"09:00-17:30\"]\n"
                + "      wednesday: [\"09:00-17:30\"]\n      thursday: [\"09:00-17:30\"]\n"
                + "      friday: [\"09:00-17:30\"]\n";
        assertEquals(1, count(shipped, week), "fr-59-victim-support's week");
        Files.writeString(file, shipped.replace(week, ""));
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("directory.yaml: hotlines[")
                && error.getMessage().contains("].openingHours: never opens"), error.getMessage());
        Files.writeString(file, shipped.replace(week, "      publicHolidays: [\"10:00-16:00\"]\n"));
        assertTrue(ConfigLoader.load(directory, Map.of()).directoryAtStart().hotline("fr-59-victim-support")
                .isPresent(), "open on public holidays only: it opens");
    }

    @Test
    void aSessionLastsAtLeastItsIdleTimeout() throws IOException {
        ShippedConfig.copyInto(directory);
        Path server = directory.resolve("server.yaml");
        Files.writeString(server, "sessions:\n  idleTimeoutSeconds: 1800\n  absoluteTimeoutSeconds: 600\n");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains("server.yaml: sessions.absoluteTimeoutSeconds: must be at least "
                + "idleTimeoutSeconds (1800), got 600"), error.getMessage());
        Files.writeString(server, "sessions:\n  absoluteTimeoutSeconds: 1\n");
        ConfigException belowDefault = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(belowDefault.getMessage().contains("sessions.absoluteTimeoutSeconds"), belowDefault.getMessage());
        Files.writeString(server, "sessions:\n  idleTimeoutSeconds: 600\n  absoluteTimeoutSeconds: 600\n");
        SessionSettings sessions = ConfigLoader.load(directory, Map.of()).sessions();
        assertEquals(Duration.ofMinutes(10), sessions.idle());
        assertEquals(Duration.ofMinutes(10), sessions.absolute());
    }
}
