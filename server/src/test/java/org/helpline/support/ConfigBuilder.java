package org.helpline.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.helpline.config.AbuseSettings;
import org.helpline.config.ConsoleSettings;
import org.helpline.config.EscalationSettings;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HttpSettings;
import org.helpline.config.Limits;
import org.helpline.config.LoginSettings;
import org.helpline.config.MetricsSettings;
import org.helpline.config.RedisSettings;
import org.helpline.config.Retention;
import org.helpline.config.RoutingSettings;
import org.helpline.config.SessionSettings;
import org.helpline.config.StatisticsSettings;
import org.helpline.config.VisitorSettings;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Directory;
import org.helpline.domain.Roster;
import org.helpline.domain.RoutingStep;

/**
 * A test's copy of a {@link HelplineConfig} with some parts replaced. Every copy is made by {@link #build()}, the one
 * call to the record's canonical constructor in the tests: the parts no test replaces are read from the base there,
 * so a new component of {@code HelplineConfig} is one more argument in that call.
 */
public final class ConfigBuilder {
    private final HelplineConfig base;
    private Path directory;
    private HttpSettings http;
    private Limits limits;
    private SessionSettings sessions;
    private List<Association> associations;
    private List<Counsellor> counsellors;
    private RoutingSettings routing;
    private EscalationSettings escalation;
    private VisitorSettings visitor;
    private Retention retention;
    private MetricsSettings metrics;
    private LoginSettings login;
    private AbuseSettings abuse;
    private ConsoleSettings console;
    private StatisticsSettings statistics;
    private RedisSettings redis;
    private Directory directoryAtStart;

    private ConfigBuilder(HelplineConfig base) {
        this.base = base;
        directory = base.directory();
        http = base.http();
        limits = base.limits();
        sessions = base.sessions();
        associations = base.associations();
        counsellors = base.counsellors();
        routing = base.routing();
        escalation = base.escalation();
        visitor = base.visitor();
        retention = base.retention();
        metrics = base.metrics();
        login = base.login();
        abuse = base.abuse();
        console = base.console();
        statistics = base.statistics();
        redis = base.redis();
        directoryAtStart = base.directoryAtStart();
    }

    public static ConfigBuilder from(HelplineConfig base) {
        return new ConfigBuilder(base);
    }

    public HelplineConfig build() {
        return new HelplineConfig(directory, http, redis, limits, sessions, retention, associations,
                Roster.of(counsellors), routing, escalation, console, base.dashboard(), visitor, abuse, base.triage(),
                directoryAtStart, metrics, login, statistics);
    }

    public ConfigBuilder directory(Path newDirectory) {
        directory = newDirectory;
        return this;
    }

    /**
     * The hotline directory the nodes serve from their start, instead of the one {@code directory.yaml} gave the base
     * (a reload reads the file again).
     */
    public ConfigBuilder directoryAtStart(Directory newDirectory) {
        directoryAtStart = newDirectory;
        return this;
    }

    public ConfigBuilder http(HttpSettings newHttp) {
        http = newHttp;
        return this;
    }

    public ConfigBuilder limits(Limits newLimits) {
        limits = newLimits;
        return this;
    }

    public ConfigBuilder sessions(SessionSettings newSessions) {
        sessions = newSessions;
        return this;
    }

    /** Counsellor sessions end after this long without activity. */
    public ConfigBuilder sessionIdle(Duration idle) {
        sessions = new SessionSettings(idle, sessions.absolute(), sessions.passwordIterations());
        return this;
    }

    public ConfigBuilder associations(List<Association> newAssociations) {
        associations = newAssociations;
        return this;
    }

    public ConfigBuilder counsellors(List<Counsellor> newCounsellors) {
        counsellors = newCounsellors;
        return this;
    }

    /** Another routing policy: these steps, in order. */
    public ConfigBuilder steps(RoutingStep... steps) {
        routing = new RoutingSettings(routing.priority(), routing.acceptTimeout(), routing.maxMissedOffers(),
                routing.declineCooldown(), routing.consoleLease(), routing.heartbeatTimeout(),
                routing.reconnectGrace(), List.of(steps));
        return this;
    }

    /**
     * Short offer, lease, heartbeat and grace times so that timers fire within a test: offers expire after 2 s, a
     * dead node's consoles lapse after 3 s and their chats go back to the queue 1 s later.
     */
    /** The base's console settings with this wrap-up after a chat ends (zero: none). */
    public ConfigBuilder wrapUp(Duration wrapUp) {
        console = new ConsoleSettings(console.cannedReplies(), console.riskChecklist(), console.outcomeTags(), wrapUp,
                console.awayReasons());
        return this;
    }

    /** A console's lease of this length (renewed every third of it). */
    public ConfigBuilder consoleLease(Duration lease) {
        routing = new RoutingSettings(routing.priority(), routing.acceptTimeout(), routing.maxMissedOffers(),
                routing.declineCooldown(), lease, routing.heartbeatTimeout(), routing.reconnectGrace(),
                routing.steps());
        return this;
    }

    /** Consoles and supervisor sockets silent this long are closed. */
    public ConfigBuilder heartbeatTimeout(Duration timeout) {
        routing = new RoutingSettings(routing.priority(), routing.acceptTimeout(), routing.maxMissedOffers(),
                routing.declineCooldown(), routing.consoleLease(), timeout, routing.reconnectGrace(),
                routing.steps());
        return this;
    }

    public ConfigBuilder quickTimers() {
        routing = new RoutingSettings(routing.priority(), Duration.ofSeconds(2), routing.maxMissedOffers(),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(1),
                routing.steps());
        return this;
    }

    /** The base's escalation settings with this webhook, retried {@code attempts} times from {@code firstRetry}. */
    public ConfigBuilder webhook(String url, String secret, int attempts, Duration firstRetry) {
        return webhook(url, secret, attempts, firstRetry, escalation.timeout());
    }

    /** The same, each attempt given up after {@code timeout}. */
    public ConfigBuilder webhook(String url, String secret, int attempts, Duration firstRetry, Duration timeout) {
        escalation = new EscalationSettings(Optional.of(url), secret, attempts, firstRetry, timeout,
                escalation.maxPending(), escalation.scripts());
        return this;
    }

    public ConfigBuilder metrics(MetricsSettings newMetrics) {
        metrics = newMetrics;
        return this;
    }

    public ConfigBuilder login(LoginSettings newLogin) {
        login = newLogin;
        return this;
    }

    public ConfigBuilder visitor(VisitorSettings newVisitor) {
        visitor = newVisitor;
        return this;
    }

    /** How long transcripts are kept, how soon they leave the disk, and the data keys they are sealed with. */
    public ConfigBuilder retention(Retention newRetention) {
        retention = newRetention;
        return this;
    }

    public ConfigBuilder abuse(AbuseSettings newAbuse) {
        abuse = newAbuse;
        return this;
    }

    public ConfigBuilder statistics(StatisticsSettings newStatistics) {
        statistics = newStatistics;
        return this;
    }

    /** How many connections a node sends its Redis commands on ({@code redis.commandConnections}). */
    public ConfigBuilder commandConnections(int connections) {
        redis = new RedisSettings(redis.url(), redis.commandTimeout(), redis.requestQueueSize(), connections,
                redis.embeddedDataDirectory());
        return this;
    }
}
